// The list of sub-commands. Adding a command is adding one line below. Each command's module is loaded only
// when that command runs (or for help), so `serve` does not pay for loading the runner, the reports or the
// record generator.
import type { Command } from 'commander';

type Register = (program: Command) => void;

const COMMANDS: ReadonlyArray<readonly [name: string, load: () => Promise<Register>]> = [
  ['demo', async () => (await import('./demo.js')).registerDemoCommand],
  ['serve', async () => (await import('./serve.js')).registerServeCommand],
  ['partners', async () => (await import('./partners.js')).registerPartnersCommand],
  ['fixtures', async () => (await import('./fixtures.js')).registerFixturesCommand],
  ['fhir', async () => (await import('./fhir.js')).registerFhirCommand],
  ['fidelius', async () => (await import('./fidelius.js')).registerFideliusCommand],
  ['run', async () => (await import('./run.js')).registerRunCommand],
  ['report', async () => (await import('./report.js')).registerReportCommand],
  ['reference', async () => (await import('./reference.js')).registerReferenceCommand],
];

/** Registers the command named in `argv` (the first word after the options), or every command when none is named. */
export async function registerCommands(program: Command, argv: ReadonlyArray<string>): Promise<void> {
  const named = argv.slice(2).find((word) => !word.startsWith('-'));
  const chosen = COMMANDS.filter(([name]) => name === named);
  for (const [, load] of chosen.length > 0 ? chosen : COMMANDS) (await load())(program);
}
