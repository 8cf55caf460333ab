// Starts the sandbox behind an HTTP server. The port is bound first, so the public URL (and with it the
// token issuer and JWKS URLs) can name the real port; until the sandbox is ready every call gets a 503.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errors } from '../../protocol/errors.js';
import { createSandbox, type Sandbox, type SandboxOptions } from '../sandbox.js';
import { createRequestListener } from './express-app.js';

export interface ServeOptions extends SandboxOptions {
  port?: number;
  host?: string;
}

export interface RunningSandbox {
  sandbox: Sandbox;
  /** Where this process can reach the sandbox, e.g. http://127.0.0.1:8090 */
  url: string;
  port: number;
  server: Server;
  /** Stops accepting connections, ends open ones (event streams too), then closes the sandbox. */
  close(): Promise<void>;
}

export async function serveSandbox(options: ServeOptions = {}): Promise<RunningSandbox> {
  const { port: requestedPort = 8090, host = '0.0.0.0', ...sandboxOptions } = options;
  const server = createServer();
  server.keepAliveTimeout = 5_000;
  const starting = (_req: IncomingMessage, res: ServerResponse) => {
    const error = errors.dependentServiceUnavailable('the sandbox is starting');
    res.writeHead(error.httpStatus, { 'content-type': 'application/json' }).end(JSON.stringify(error.toBody()));
  };
  server.on('request', starting);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(requestedPort, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const localHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  let sandbox: Sandbox;
  try {
    sandbox = await createSandbox({ ...sandboxOptions, publicUrl: sandboxOptions.publicUrl ?? `http://localhost:${port}` });
  } catch (err) {
    server.close();
    throw err;
  }
  server.off('request', starting);
  server.on('request', createRequestListener(sandbox));
  // The ABHA RSA keys take seconds to generate the first time: a lasting store starts now, in the background, so a
  // partner's first certificate call does not wait. An in-memory sandbox (tests, MSW) makes them on first use.
  if (!sandbox.ctx.config.inMemory) sandbox.abha.keys.warmUp();
  return {
    sandbox,
    url: `http://${localHost}:${port}`,
    port,
    server,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await sandbox.close();
    },
  };
}
