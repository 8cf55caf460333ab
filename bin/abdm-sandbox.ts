#!/usr/bin/env node
// The abdm-sandbox command line. Thin: each sub-command lives in bin/commands/ and calls the layers.
import { Command, CommanderError } from 'commander';
import { EXIT } from './exit-codes.js';
import { registerCommands } from './commands/index.js';
import { packageInfo } from './package-info.js';

const pkg = packageInfo();

const program = new Command()
  .name('abdm-sandbox')
  .description('A simulated ABDM gateway and conformance harness for HIP, HIU and ABHA integrations.')
  .version(pkg.version)
  .exitOverride()
  .showHelpAfterError();

await registerCommands(program, process.argv);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // --help and --version arrive here too, with exit code 0.
    process.exit(err.exitCode === 0 ? EXIT.ok : EXIT.usage);
  }
  console.error(`abdm-sandbox: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(EXIT.harnessError);
}
