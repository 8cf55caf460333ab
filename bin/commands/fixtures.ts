// `abdm-sandbox fixtures patients|facilities|professionals`: streams part of the synthetic world as NDJSON
// (one JSON object per line), e.g. to seed a partner's test database or to eyeball the data.
import type { Command } from 'commander';
import { DEFAULT_WORLD_OPTIONS, createWorld, type World } from '../../fixtures/world/index.js';
import { EXIT } from '../exit-codes.js';

const KINDS = ['patients', 'facilities', 'professionals'] as const;
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
    .action(async (kind: string, flags: FixturesFlags) => {
      const plan = planOutput(kind, flags);
      if (typeof plan === 'string') {
        process.stderr.write(`abdm-sandbox fixtures: ${plan}\n`);
        process.exitCode = EXIT.usage;
        return;
      }
      await writeNdjson(plan.entity, plan.from, plan.count);
    });
}

interface Plan {
  entity: (index: number) => unknown;
  from: number;
  count: number;
}

/** Checks the flags and builds the world; returns a one-line usage message when something is wrong. */
function planOutput(kind: string, flags: FixturesFlags): Plan | string {
  if (!(KINDS as ReadonlyArray<string>).includes(kind)) return `unknown kind '${kind}'; use ${KINDS.join(', ')}`;
  const numbers: Record<keyof FixturesFlags, number> = { count: 0, from: 0, seed: 0, population: 0, facilities: 0, professionals: 0 };
  for (const key of Object.keys(numbers) as Array<keyof FixturesFlags>) {
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
  const [size, sizeFlag, entity] = sizeOf(kind as Kind, world);
  const { from, count } = numbers;
  if (from + count > size) {
    return `--from ${from} --count ${count} goes past the end: the world has ${size.toLocaleString('en-US')} ${kind} (set ${sizeFlag})`;
  }
  return { entity, from, count };
}

function sizeOf(kind: Kind, world: World): [number, string, (index: number) => unknown] {
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
