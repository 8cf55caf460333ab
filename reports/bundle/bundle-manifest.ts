// The manifest of a signed report bundle (manifest.json): what was run (tool version, a hash of the test definitions,
// seed, sandbox), what the partner declared (partners, selection, expected failures), the verdict, and the SHA-256 of
// every output file. Pure: the same log and files always give the same bytes; the time lives in the signature.
import { createHash } from 'node:crypto';
import { milestoneReadiness } from '../../conformance/results/milestone-readiness.js';
import type { DeclaredTest, RunLogEntry } from '../../conformance/results/run-log-entry.js';
import { summarizeRun, type RunCounts } from '../../conformance/results/run-summary.js';
import type { SandboxInfo } from '../../conformance/dsl/test-context.js';

export const MANIFEST_FILE = 'manifest.json';
/** The signature: a compact JWS (typ abdm-report+jwt) naming the manifest's SHA-256. */
export const SIGNATURE_FILE = 'manifest.jws';
export const MANIFEST_SCHEMA_ID = 'https://abdm-sandbox.dev/schemas/bundle-manifest-v1.json';
export const MANIFEST_VERSION = 1;

export interface BundleFile {
  /** A file name in the bundle directory. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface BundleManifest {
  $schema: string;
  manifestVersion: number;
  tool: { name: 'abdm-sandbox'; version: string; node: string };
  run: { id: string; startedAt: string; finishedAt: string | null; seed: number; command: string; sandbox: SandboxInfo };
  /** What the partner declared: who is under test, what was selected, which failures it expects and why. */
  declaration: {
    partners: Record<string, { role: string; serviceId: string; clientId: string }>;
    selection: { suites: string[]; only: string[]; tags: string[] };
    expectedFailures: Array<{ test: string; reason: string }>;
  };
  /** Per suite: how many tests ran and the SHA-256 of their definitions (ids, titles, levels, NHA ids, spec). */
  suites: Array<{ id: string; title: string; tests: number; definitionsSha256: string }>;
  verdict: { exitCode: number; outcome: string; counts: RunCounts; milestones: string[] };
  files: BundleFile[];
}

export const sha256Hex = (content: Uint8Array | string): string => createHash('sha256').update(content).digest('hex');

/** The manifest of a run's outputs; `files` are the bundle's files with their contents, in the order to list them. */
export function buildManifest(log: ReadonlyArray<RunLogEntry>, files: ReadonlyArray<{ path: string; content: Uint8Array }>): BundleManifest {
  const s = summarizeRun(log);
  const run = s.run;
  return {
    $schema: MANIFEST_SCHEMA_ID,
    manifestVersion: MANIFEST_VERSION,
    tool: { name: 'abdm-sandbox', version: run.versions.abdmSandbox, node: run.versions.node },
    run: { id: run.runId, startedAt: s.startedAt, finishedAt: s.finishedAt ?? null, seed: run.seed, command: run.command, sandbox: run.sandbox },
    declaration: {
      partners: Object.fromEntries(Object.entries(run.partners).map(([role, p]) => [role, { role: p!.role, serviceId: p!.serviceId, clientId: p!.clientId }])),
      selection: run.selection,
      expectedFailures: run.expectedFailures,
    },
    suites: suiteDefinitions(log),
    verdict: { exitCode: s.verdict.exitCode, outcome: s.verdict.outcome, counts: s.counts, milestones: milestoneReadiness(s.tests).map((m) => m.headline) },
    files: files.map((f) => ({ path: f.path, bytes: f.content.byteLength, sha256: sha256Hex(f.content) })),
  };
}

/** manifest.json as bytes: two-space JSON and a newline. */
export function manifestText(manifest: BundleManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Per suite of the run: its tests and the digest of their definitions. */
export function suiteDefinitions(log: ReadonlyArray<RunLogEntry>): BundleManifest['suites'] {
  const declared = log.flatMap((e) => (e.kind === 'test.declared' ? [e.test] : []));
  const suites = [...new Map(declared.map((t) => [t.suite, t.suiteTitle])).entries()];
  return suites.map(([id, title]) => {
    const tests = declared.filter((t) => t.suite === id);
    return { id, title, tests: tests.length, definitionsSha256: definitionsDigest(tests) };
  });
}

/** Two runs with equal digests ran the same test definitions (the grading code is pinned by the tool version). */
function definitionsDigest(tests: ReadonlyArray<DeclaredTest>): string {
  const canonical = [...tests]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((t) => [t.id, t.title, t.description, t.group, t.groupTitle, t.milestone, t.level, t.phase, [...t.nhaTestCases], [...t.spec], [...t.tags]]);
  return sha256Hex(JSON.stringify(canonical));
}
