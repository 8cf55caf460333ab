// `abdm-sandbox fixtures patients|facilities|professionals`: streams part of the synthetic world as NDJSON
// (one JSON object per line), e.g. to seed a partner's test database or to eyeball the data.
// `abdm-sandbox fixtures records --patient P`: that patient's FHIR record bundles, as NDJSON or files.
import type { Command } from 'commander';
import { DEFAULT_WORLD_OPTIONS, createWorld, type HiType, type World } from '../../fixtures/world/index.js';
import { HI_TYPES } from '../../protocol/fhir/hi-types.js';
import { EXIT } from '../exit-codes.js';

const KINDS = ['patients', 'facilities', 'professionals', 'records'] as const;
type Kind = (typeof KINDS)[number];
/** Lines are batched into chunks of about this many characters before writing. */
const CHUNK_CHARS = 1 << 16;

interface FixturesFlags {
  count: string;
  from: string;
  seed: string;
  population: string;
  facilities: string;
  professionals: string;
  patient?: string;
  hiType?: string;
  out?: string;
}

/** Adds the `fixtures` command to the program. */
export function registerFixturesCommand(program: Command): void {
  program
    .command('fixtures')
    .description('print synthetic patients, facilities or professionals as NDJSON, one JSON object per line')
    .argument('<kind>', KINDS.join(' | '))
    .option('--count <n>', 'how many to print', '10')
    .option('--from <i>', 'index of the first one (0-based)', '0')
    .option('--seed <s>', 'world seed', String(DEFAULT_WORLD_OPTIONS.seed))
    .option('--population <p>', 'number of ABHA accounts in the world', String(DEFAULT_WORLD_OPTIONS.population))
    .option('--facilities <n>', 'number of facilities in the world', String(DEFAULT_WORLD_OPTIONS.facilityCount))
    .option('--professionals <n>', 'number of professionals in the world', String(DEFAULT_WORLD_OPTIONS.professionalCount))
    .option('--patient <abhaAddress|abhaNumber|index>', 'records: whose records')
    .option('--hi-type <type>', `records: only this hiType (${HI_TYPES.join(', ')})`)
    .option('--out <dir>', 'records: write <dir>/<abhaAddress>/<facilityId>/<careContext>.json instead of printing NDJSON')
    .action(async (kind: string, flags: FixturesFlags) => {
      if (kind === 'records') {
        process.exitCode = await writeRecords(flags);
        return;
      }
      const plan = planOutput(kind, flags);
      if (typeof plan === 'string') {
        process.stderr.write(`abdm-sandbox fixtures: ${plan}\n`);
        process.exitCode = EXIT.usage;
        return;
      }
      await writeNdjson(plan.entity, plan.from, plan.count);
    });
}

type NumericFlag = 'count' | 'from' | 'seed' | 'population' | 'facilities' | 'professionals';

interface Plan {
  entity: (index: number) => unknown;
  from: number;
  count: number;
}

/** Checks the flags and builds the world; returns a one-line usage message when something is wrong. */
function planOutput(kind: string, flags: FixturesFlags): Plan | string {
  if (!(KINDS as ReadonlyArray<string>).includes(kind)) return `unknown kind '${kind}'; use ${KINDS.join(', ')}`;
  const numbers: Record<NumericFlag, number> = { count: 0, from: 0, seed: 0, population: 0, facilities: 0, professionals: 0 };
  for (const key of Object.keys(numbers) as NumericFlag[]) {
    const text = flags[key].replace(/_/g, '');
    const signed = key === 'seed' ? /^-?\d+$/ : /^\d+$/;
    if (!signed.test(text) || !Number.isSafeInteger(Number(text))) return `--${key} must be a whole number; got '${flags[key]}'`;
    numbers[key] = Number(text);
  }
  let world: World;
  try {
    world = createWorld({
      seed: numbers.seed,
      population: numbers.population,
      facilityCount: numbers.facilities,
      professionalCount: numbers.professionals,
    });
  } catch (err) {
    return err instanceof RangeError ? err.message : String(err);
  }
  const [size, sizeFlag, entity] = sizeOf(kind as Exclude<Kind, 'records'>, world);
  const { from, count } = numbers;
  if (from + count > size) {
    return `--from ${from} --count ${count} goes past the end: the world has ${size.toLocaleString('en-US')} ${kind} (set ${sizeFlag})`;
  }
  return { entity, from, count };
}

/** `fixtures records`: the patient's bundles to files (with a line per file) or to stdout as NDJSON. */
async function writeRecords(flags: FixturesFlags): Promise<number> {
  const fail = (message: string) => {
    process.stderr.write(`abdm-sandbox fixtures: ${message}\n`);
    return EXIT.usage;
  };
  if (!flags.patient) return fail('records needs --patient <abhaAddress|abhaNumber|index>');
  if (flags.hiType && !(HI_TYPES as ReadonlyArray<string>).includes(flags.hiType)) return fail(`--hi-type must be one of ${HI_TYPES.join(', ')}`);
  let world: World;
  try {
    world = createWorld({ seed: Number(flags.seed), population: Number(flags.population), facilityCount: Number(flags.facilities), professionalCount: Number(flags.professionals) });
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
  const { writeRecordsForPatient } = await import('../../fixtures/records/patient-records.js');
  const patient = /^\d{1,12}$/.test(flags.patient) ? Number(flags.patient) : flags.patient;
  let records;
  try {
    records = await writeRecordsForPatient(world, patient, { hiType: flags.hiType as HiType | undefined, outDir: flags.out });
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
  if (flags.out) {
    for (const r of records) process.stdout.write(`${r.path}  ${r.careContext.hiType}  ${(r.bytes / 1024).toFixed(1)} KB\n`);
    process.stderr.write(`${records.length} record(s) written under ${flags.out}\n`);
  } else {
    await writeNdjson((i) => records[i].bundle, 0, records.length);
  }
  return EXIT.ok;
}

function sizeOf(kind: Exclude<Kind, 'records'>, world: World): [number, string, (index: number) => unknown] {
  switch (kind) {
    case 'patients':
      return [world.options.population, '--population', (i) => world.patient(i)];
    case 'facilities':
      return [world.options.facilityCount, '--facilities', (i) => world.facility(i)];
    case 'professionals':
      return [world.options.professionalCount, '--professionals', (i) => world.professional(i)];
  }
}

/** Resolves when a stream that refused a write can take more, or has closed. */
function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

/** Streams `count` entities from `from` to stdout, honouring back-pressure and stopping quietly on a closed pipe. */
async function writeNdjson(entity: (index: number) => unknown, from: number, count: number): Promise<void> {
  const out = process.stdout;
  let closed = false;
  const onError = (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') closed = true;
    else throw err;
  };
  out.on('error', onError);
  try {
    let chunk = '';
    for (let i = from; i < from + count && !closed; i++) {
      chunk += `${JSON.stringify(entity(i))}\n`;
      if (chunk.length >= CHUNK_CHARS) {
        if (!out.write(chunk)) await drained(out);
        chunk = '';
      }
    }
    if (chunk && !closed) out.write(chunk);
  } finally {
    out.off('error', onError);
  }
}
