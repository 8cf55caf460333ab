// The baseline for the gateway throughput benchmark: a bare express endpoint that reads the same JSON body
// and answers 202, with nothing else. Prints its port on stdout.
import express from 'express';
import type { AddressInfo } from 'node:net';

const app = express();
app.disable('x-powered-by');
app.set('etag', false);
app.patch('/api/hiecm/gateway/v3/bridge/url', express.json(), (_req, res) => {
  res.status(202).end();
});
const server = app.listen(0, '127.0.0.1', () => console.log(`PORT ${(server.address() as AddressInfo).port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
