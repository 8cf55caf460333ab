// The sandbox as the gateway throughput benchmark runs it: a real server with a file-backed store
// (WAL journal) in the directory given as argv[2]. Prints its port on stdout.
import { serveSandbox } from '../../sandbox-server/http/server.js';

const dataDir = process.argv[2];
const running = await serveSandbox({ port: 0, host: '127.0.0.1', dataDir, population: 1_000_000 });
console.log(`PORT ${running.port}`);
process.on('SIGTERM', () => void running.close().then(() => process.exit(0)));
