// Writes the event log to a file as it grows, one JSON entry a line, synchronously: if the run crashes, the
// log holds everything up to the crash.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RunLogSink } from './run-log.js';

export interface FileSink {
  sink: RunLogSink;
  close(): void;
}

/** Opens (truncating) `path` for a new run's log. */
export function ndjsonFileSink(path: string): FileSink {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  let open = true;
  return {
    sink: (line) => {
      if (open) writeSync(fd, `${line}\n`);
    },
    close: () => {
      if (!open) return;
      open = false;
      closeSync(fd);
    },
  };
}
