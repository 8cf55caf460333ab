// `npm run bench`: every benchmark in turn; results printed and written to bench/results/*.json.
import { runAbhaBenchmark } from './abha.js';
import { runConformanceSuitesBenchmark } from './conformance-suites.js';
import { runFhirBenchmark } from './fhir.js';
import { runFideliusBenchmark } from './fidelius.js';
import { runGatewayThroughputBenchmark } from './gateway-throughput.js';
import { runHipSuiteBenchmark } from './hip-suite.js';
import { runM2DiscoverLatencyBenchmark } from './m2-discover-latency.js';
import { runM2LinkThroughputBenchmark } from './m2-link-throughput.js';
import { runM3ConsentToDataBenchmark } from './m3-consent-to-data.js';
import { runReportHtmlBenchmark } from './report-html.js';
import { runServeBootBenchmark } from './serve-boot.js';
import { runWorldBenchmark } from './world-lookup.js';

const benchmarks: Array<[string, () => Promise<object>]> = [
  ['gateway throughput', runGatewayThroughputBenchmark],
  ['serve boot', runServeBootBenchmark],
  ['world lookups', runWorldBenchmark],
  ['fhir', runFhirBenchmark],
  ['fidelius', runFideliusBenchmark],
  ['abha', runAbhaBenchmark],
  ['m2 discover latency', runM2DiscoverLatencyBenchmark],
  ['m2 link throughput', runM2LinkThroughputBenchmark],
  ['m3 consent to data', runM3ConsentToDataBenchmark],
  ['report html', runReportHtmlBenchmark],
  ['hip suite', runHipSuiteBenchmark],
  ['conformance suites', runConformanceSuitesBenchmark],
];

let failed = 0;
for (const [name, run] of benchmarks) {
  try {
    const result = (await run()) as { pass?: boolean };
    if (result.pass === false) failed++;
  } catch (err) {
    failed++;
    console.error(`${name}: ${err instanceof Error ? err.stack : String(err)}`);
  }
}
console.log(`\n${benchmarks.length - failed} of ${benchmarks.length} benchmarks met their targets`);
process.exitCode = failed > 0 ? 1 : 0;
