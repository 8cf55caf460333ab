// The run's event log: entries are redacted, numbered and time-stamped as they are appended, kept in memory,
// written to the sinks (the NDJSON file) at once, and announced to subscribers (the progress printer).
import type { Clock } from '../../protocol/clock.js';
import type { RunLogBody, RunLogEntry } from '../results/run-log-entry.js';
import type { OutputRedactor } from './output-redaction.js';

export type RunLogSink = (line: string) => void;

export class RunLog {
  private readonly entries: RunLogEntry[] = [];
  private readonly listeners = new Set<(entry: RunLogEntry) => void>();

  constructor(
    private readonly redactor: OutputRedactor,
    private readonly clock: Clock,
    private readonly sinks: ReadonlyArray<RunLogSink> = [],
  ) {}

  /** Appends an entry (redacted first); never edits or removes one. */
  append(body: RunLogBody): RunLogEntry {
    const entry = { seq: this.entries.length + 1, at: new Date(this.clock.now()).toISOString(), ...this.redactor.redact(body) } as RunLogEntry;
    this.entries.push(entry);
    const line = JSON.stringify(entry);
    for (const sink of this.sinks) sink(line);
    for (const listener of this.listeners) {
      try {
        listener(entry);
      } catch {
        // A failing printer must not break the run.
      }
    }
    return entry;
  }

  all(): ReadonlyArray<RunLogEntry> {
    return this.entries;
  }

  /** Calls `listener` with every entry appended from now on; returns the function that stops it. */
  subscribe(listener: (entry: RunLogEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
