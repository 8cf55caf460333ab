// Writes the event log to a file as it grows, one JSON entry a line, synchronously: if the run crashes, the
// log holds everything up to the crash.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RunLogSink } from './run-log.js';

export interface FileSink {
  sink: RunLogSink;
  close(): void;
}

/** Writes a new run's log to `path` (truncating it); the file is created with the first entry, so a run that never started leaves none. */
export function ndjsonFileSink(path: string): FileSink {
  let fd: number | undefined;
  let closed = false;
  return {
    sink: (line) => {
      if (closed) return;
      if (fd === undefined) {
        mkdirSync(dirname(path), { recursive: true });
        fd = openSync(path, 'w');
      }
      writeSync(fd, `${line}\n`);
    },
    close: () => {
      if (closed) return;
      closed = true;
      if (fd !== undefined) closeSync(fd);
    },
  };
}
