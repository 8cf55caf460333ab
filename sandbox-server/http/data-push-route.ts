// The virtual HIU's dataPushUrl over HTTP: no auth (real pushes carry none, spec §5.10), a body limit of
// several megabytes read as raw text, and the page judged by the transport-free receiver.
import type { Request, Response } from 'express';
import { DATA_PUSH_MAX_BYTES, receiveDataPush } from '../flows/data-push-receiver.js';
import type { Sandbox } from '../sandbox.js';
import { readRawBody } from './raw-body.js';

/** `POST {DATA_PUSH_PATH}/:transactionId` */
export function dataPushHandler(sandbox: Sandbox) {
  return async (req: Request, res: Response) => {
    const raw = await readRawBody(req, DATA_PUSH_MAX_BYTES);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    const answer = await receiveDataPush(sandbox.ctx, {
      transactionId: String(req.params.transactionId),
      method: req.method,
      url: req.originalUrl,
      headers,
      body: raw.text,
      bodyTooLarge: raw.tooLarge,
    });
    if (answer.body === undefined) res.status(answer.status).end();
    else res.status(answer.status).json(answer.body);
  };
}
