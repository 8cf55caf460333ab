// A partner bridge for tests: a real HTTP server that records every call the gateway makes to it and
// answers as the test says (202 by default, or a status, a delay, or a dropped connection).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCall {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  receivedAt: number;
}

export type BridgeBehaviour = (call: ReceivedCall) => { status?: number; delayMs?: number; destroy?: boolean } | undefined;

export class FakeBridge {
  readonly calls: ReceivedCall[] = [];
  behaviour: BridgeBehaviour = () => undefined;
  private waiters: Array<{ match: (c: ReceivedCall) => boolean; resolve: (c: ReceivedCall) => void }> = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeBridge> {
    let bridge!: FakeBridge;
    const server = createServer((req, res) => void bridge.onRequest(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    bridge = new FakeBridge(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return bridge;
  }

  /** Resolves with the first call (already received or future) that matches. */
  waitFor(match: (c: ReceivedCall) => boolean = () => true, timeoutMs = 5_000): Promise<ReceivedCall> {
    const found = this.calls.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fake bridge: no matching call within ${timeoutMs} ms (got ${this.calls.length})`)), timeoutMs);
      this.waiters.push({ match, resolve: (c) => (clearTimeout(timer), resolve(c)) });
    });
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // keep the text
    }
    const call: ReceivedCall = { method: req.method ?? '', path: req.url ?? '', headers, body, receivedAt: Date.now() };
    this.calls.push(call);
    this.waiters = this.waiters.filter((w) => (w.match(call) ? (w.resolve(call), false) : true));
    const answer = this.behaviour(call) ?? {};
    if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
    if (answer.destroy) {
      req.socket.destroy();
      return;
    }
    res.writeHead(answer.status ?? 202).end();
  }
}
