// The list of sub-commands. Adding a command is adding a file here and one line below.
import type { Command } from 'commander';
import { registerFhirCommand } from './fhir.js';

export function registerCommands(program: Command): void {
  registerFhirCommand(program);
}
