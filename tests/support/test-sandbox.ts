// Starts a real sandbox over HTTP for a test file: in memory, a small world, fast retries.
import { DEMO_HIP, DEMO_HIU } from '../../sandbox-server/partners/demo-partners.js';
import { serveSandbox, type RunningSandbox, type ServeOptions } from '../../sandbox-server/http/server.js';
import { GatewayClient } from './gateway-client.js';

export interface TestSandbox {
  running: RunningSandbox;
  client: GatewayClient;
  hipToken: string;
  hiuToken: string;
  hipId: string;
  hiuId: string;
  close(): Promise<void>;
}

export const SMALL_WORLD = { seed: 1, population: 10_000, facilityCount: 400, professionalCount: 800 } as const;

export async function startTestSandbox(options: ServeOptions = {}): Promise<TestSandbox> {
  const running = await serveSandbox({
    port: 0,
    host: '127.0.0.1',
    inMemory: true,
    ...SMALL_WORLD,
    callbackTimeoutMs: 1_000,
    callbackRetryDelaysMs: [50, 100],
    ...options,
  });
  const client = new GatewayClient(running.url);
  const { partners } = running.sandbox.ctx;
  return {
    running,
    client,
    hipToken: await client.token(DEMO_HIP.clientId, DEMO_HIP.clientSecret),
    hiuToken: await client.token(DEMO_HIU.clientId, DEMO_HIU.clientSecret),
    hipId: partners.client(DEMO_HIP.clientId)!.services[0].serviceId,
    hiuId: partners.client(DEMO_HIU.clientId)!.services[0].serviceId,
    close: () => running.close(),
  };
}
