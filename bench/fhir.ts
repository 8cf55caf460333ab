// Benchmark of the FHIR record pieces: generation (bundles/s, target ≥ 5,000), in-process validation of
// typical generated bundles (bundles/s, target ≥ 20,000) and validator start-up in a fresh process (ms,
// target ≤ 500). Prints a table and writes bench/results/fhir.json. Run alone: npx tsx bench/fhir.ts
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Bundle } from 'fhir/r4.js';
import { generateRecordBundle, type RecordInput } from '../fixtures/records/record-bundle.js';
import { worldRecordInput } from '../fixtures/records/world-record-inputs.js';
import { createFhirValidator } from '../protocol/fhir/fhir-validator.js';
import type { FhirFinding } from '../protocol/fhir/findings.js';
import { HI_TYPES } from '../protocol/fhir/hi-types.js';
import { newStructureWalk } from '../protocol/fhir/reference-checks.js';
import { createStructureLayer } from '../protocol/fhir/structure-layer.js';
import { RESULTS_DIR } from './bench-support.js';

const TARGETS = { generationPerSecond: 5_000, validationPerSecond: 20_000, startupMs: 500 };
const here = dirname(fileURLToPath(import.meta.url));

interface Rate {
  /** Best round: the least disturbed by other processes on a shared machine. */
  perSecond: number;
  medianPerSecond: number;
  /** Operations per CPU-second of this process (all its threads, so GC counts against it). */
  perCpuSecond: number;
  operations: number;
}

/** Runs `fn` in `rounds` rounds of at least `roundMs` each (after a warm-up) and reports operations per second. */
function rate(fn: (i: number) => void, rounds: number, roundMs: number): Rate {
  for (let i = 0; i < 300; i++) fn(i);
  const perRound: number[] = [];
  let operations = 0;
  let cpuMicros = 0;
  for (let r = 0; r < rounds; r++) {
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    let n = 0;
    let elapsed = 0;
    while (elapsed < roundMs) {
      for (let k = 0; k < 50; k++) fn(operations + n++);
      elapsed = performance.now() - start;
    }
    const cpu = process.cpuUsage(cpu0);
    cpuMicros += cpu.user + cpu.system;
    operations += n;
    perRound.push((n / elapsed) * 1000);
  }
  return {
    perSecond: Math.round(Math.max(...perRound)),
    medianPerSecond: Math.round(median(perRound)),
    perCpuSecond: Math.round((operations / cpuMicros) * 1e6),
    operations,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/** Start-up of a fresh process: importing the validator module, loading (or compiling) the validators, first validation. */
function measureStartup(sampleFile: string, cacheDir: string | undefined, runs: number): { importMs: number; createMs: number; startupMs: number; firstValidationMs: number; validators: string } {
  const viaTsx = import.meta.url.endsWith('.ts');
  const moduleUrl = pathToFileURL(join(here, '..', 'protocol', 'fhir', viaTsx ? 'fhir-validator.ts' : 'fhir-validator.js')).href;
  const script = `
    const t0 = performance.now();
    const { createFhirValidator } = await import(${JSON.stringify(moduleUrl)});
    const t1 = performance.now();
    const v = createFhirValidator();
    const t2 = performance.now();
    const bundle = JSON.parse((await import('node:fs')).readFileSync(${JSON.stringify(sampleFile)}, 'utf8'));
    const t3 = performance.now();
    const findings = v.validate(bundle);
    const t4 = performance.now();
    if (findings.length) throw new Error('sample bundle has findings');
    process.stdout.write(JSON.stringify({ importMs: t1 - t0, createMs: t2 - t1, startupMs: t2 - t0, firstValidationMs: t4 - t3, validators: v.schemaInfo.validators }));
  `;
  const args = [...(viaTsx ? ['--import', 'tsx'] : []), '--input-type=module', '-e', script];
  const env = cacheDir === undefined ? process.env : { ...process.env, ABDM_SANDBOX_CACHE_DIR: cacheDir };
  const results = Array.from({ length: runs }, () => {
    if (cacheDir !== undefined) rmSync(cacheDir, { recursive: true, force: true });
    return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', env })) as Record<string, number | string>;
  });
  const pick = (k: string) => Math.round(median(results.map((r) => r[k] as number)) * 10) / 10;
  return { importMs: pick('importMs'), createMs: pick('createMs'), startupMs: pick('startupMs'), firstValidationMs: pick('firstValidationMs'), validators: String(results[0].validators) };
}

/** Measures and reports; returns the results object also written to bench/results/fhir.json. */
export async function runFhirBenchmark(): Promise<object> {
  const inputs: RecordInput[] = [];
  for (let i = 0; i < 2_000; i++) inputs.push(worldRecordInput(2026, i, HI_TYPES[i % HI_TYPES.length]));

  const load = loadavg()[0];
  const generation = rate((i) => generateRecordBundle(inputs[i % inputs.length]), 5, 600);

  const corpus: Bundle[] = inputs.map((input) => JSON.parse(JSON.stringify(generateRecordBundle(input))) as Bundle);
  const sizes = corpus.map((b) => JSON.stringify(b).length);
  const entries = corpus.map((b) => b.entry?.length ?? 0);
  const validator = createFhirValidator();
  for (const b of corpus) if (validator.validate(b).length > 0) throw new Error('benchmark corpus must validate clean');
  const validation = rate((i) => validator.validate(corpus[i % corpus.length]), 5, 600);
  const perHiType: Record<string, number> = {};
  for (const [k, hiType] of HI_TYPES.entries()) {
    const subset = corpus.filter((_, i) => i % HI_TYPES.length === k);
    perHiType[hiType] = rate((i) => validator.validate(subset[i % subset.length]), 3, 200).perSecond;
  }
  // The R4 schema layer alone, as the validator runs it on a clean bundle: the fast structure checks of
  // every resource (with the string test of each reference they leave to the caller). And Ajv alone on the
  // same resources, which is what judges (and reports) any other.
  const structure = createStructureLayer();
  const refs: string[] = [];
  const passesSchema = (resource: Record<string, unknown>): boolean => {
    const n = structure.passesFast(resource, refs);
    for (let k = 0; k < n; k++) if (!structure.referenceIsString(refs[k])) return false;
    return n >= 0;
  };
  const schemaOnly = rate((i) => {
    const b = corpus[i % corpus.length];
    if (!passesSchema(b as unknown as Record<string, unknown>)) throw new Error('fast structure check refused a clean bundle');
    for (const e of b.entry ?? []) if (!passesSchema(e.resource as unknown as Record<string, unknown>)) throw new Error('fast structure check refused a clean resource');
  }, 5, 600);
  const walk = newStructureWalk();
  const ajvOnly = rate((i) => {
    const b = corpus[i % corpus.length];
    const out: FhirFinding[] = [];
    structure.checkResource(b as unknown as Record<string, unknown>, 'Bundle', out, walk);
    for (const e of b.entry ?? []) structure.checkResource(e.resource as unknown as Record<string, unknown>, 'Bundle.entry', out, walk);
  }, 5, 600);

  // bench/results/ of the repository, whether run from source (tsx) or compiled (dist/bench).
  const resultsDir = RESULTS_DIR;
  mkdirSync(resultsDir, { recursive: true });
  const sampleFile = join(resultsDir, 'fhir-startup-sample.tmp');
  writeFileSync(sampleFile, JSON.stringify(corpus[0]));
  const startup = measureStartup(sampleFile, undefined, 5);
  const coldDir = mkdtempSync(join(tmpdir(), 'abdm-fhir-cold-'));
  const cold = measureStartup(sampleFile, coldDir, 1);
  rmSync(coldDir, { recursive: true, force: true });
  rmSync(sampleFile, { force: true });

  const results = {
    benchmark: 'fhir',
    node: process.version,
    loadAverage1m: Math.round(load * 100) / 100,
    cpus: availableParallelism(),
    note: 'bundles/s = best of 5 rounds of 600 ms (median also given); per CPU-second counts all threads of the process',
    generation: { bundlesPerSecond: generation.perSecond, medianBundlesPerSecond: generation.medianPerSecond, bundlesPerCpuSecond: generation.perCpuSecond, target: TARGETS.generationPerSecond },
    validation: {
      bundlesPerSecond: validation.perSecond,
      medianBundlesPerSecond: validation.medianPerSecond,
      bundlesPerCpuSecond: validation.perCpuSecond,
      target: TARGETS.validationPerSecond,
      schemaLayerOnlyBundlesPerSecond: schemaOnly.perSecond,
      ajvSchemaOnlyBundlesPerSecond: ajvOnly.perSecond,
      corpus: { bundles: corpus.length, hiTypes: HI_TYPES.length, medianBytes: median(sizes), maxBytes: Math.max(...sizes), medianEntries: median(entries), meanEntries: Math.round((entries.reduce((a, b) => a + b, 0) / entries.length) * 10) / 10 },
      perHiTypeBundlesPerSecond: perHiType,
    },
    startup: { ...startup, target: TARGETS.startupMs, measured: 'fresh process, median of 5: import + createFhirValidator() with precompiled validators cached' },
    coldStartup: { ...cold, measured: 'fresh process with an empty cache: compiles the R4 schema and writes the cache' },
    pass: {
      generation: generation.perSecond >= TARGETS.generationPerSecond,
      validation: validation.perSecond >= TARGETS.validationPerSecond,
      startup: startup.startupMs <= TARGETS.startupMs,
    },
  };
  writeFileSync(join(resultsDir, 'fhir.json'), `${JSON.stringify(results, null, 2)}\n`);

  const row = (name: string, best: number, med: number, cpu: number, target: string, ok: boolean) =>
    `${name.padEnd(30)} ${String(best).padStart(8)} ${String(med).padStart(8)} ${String(cpu).padStart(9)}  ${target.padEnd(9)} ${ok ? 'ok' : 'MISSED'}`;
  console.log(`FHIR benchmark (node ${process.version}, load average ${results.loadAverage1m} on ${results.cpus} CPUs)`);
  console.log(`${''.padEnd(30)} ${'best'.padStart(8)} ${'median'.padStart(8)} ${'per CPU-s'.padStart(9)}  target`);
  console.log(row('generation (bundles/s)', generation.perSecond, generation.medianPerSecond, generation.perCpuSecond, '>= 5000', results.pass.generation));
  console.log(row('validation (bundles/s)', validation.perSecond, validation.medianPerSecond, validation.perCpuSecond, '>= 20000', results.pass.validation));
  console.log(row('  of which R4 schema layer only', schemaOnly.perSecond, schemaOnly.medianPerSecond, schemaOnly.perCpuSecond, '', true).replace(/ ok$/, ''));
  console.log(row('  (Ajv alone on the same)', ajvOnly.perSecond, ajvOnly.medianPerSecond, ajvOnly.perCpuSecond, '', true).replace(/ ok$/, ''));
  console.log(`${'validator start-up (ms)'.padEnd(30)} ${String(startup.startupMs).padStart(8)}  (import ${startup.importMs}, load ${startup.createMs}, first validation ${startup.firstValidationMs})  <= 500  ${results.pass.startup ? 'ok' : 'MISSED'}`);
  console.log(`${'cold start-up, empty cache (ms)'.padEnd(30)} ${String(cold.startupMs).padStart(8)}  (compiles and caches the validators once)`);
  console.log(`corpus: ${corpus.length} bundles of ${HI_TYPES.length} hiTypes, median ${median(sizes)} B / ${median(entries)} entries, max ${Math.max(...sizes)} B`);
  console.log(`validation by hiType (bundles/s): ${Object.entries(perHiType).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runFhirBenchmark();
}
