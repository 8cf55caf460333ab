// Reads a request body as text with a hard size limit. Past the limit the rest is drained, not stored,
// so a huge body cannot exhaust memory and still gets a proper 413 answer.
import type { IncomingMessage } from 'node:http';

export interface RawBody {
  text?: string;
  tooLarge: boolean;
}

export function readRawBody(req: IncomingMessage, limitBytes: number): Promise<RawBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        tooLarge = true;
        chunks.length = 0;
      } else if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolve({ text: tooLarge || size === 0 ? undefined : Buffer.concat(chunks).toString('utf8'), tooLarge }));
    req.on('error', reject);
  });
}
