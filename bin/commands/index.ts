// The list of sub-commands. Adding a command is adding a file here and one line below.
import type { Command } from 'commander';
import { registerFhirCommand } from './fhir.js';
import { registerFideliusCommand } from './fidelius.js';
import { registerFixturesCommand } from './fixtures.js';
import { registerPartnersCommand } from './partners.js';
import { registerReportCommand } from './report.js';
import { registerRunCommand } from './run.js';
import { registerServeCommand } from './serve.js';

export function registerCommands(program: Command): void {
  registerServeCommand(program);
  registerPartnersCommand(program);
  registerFixturesCommand(program);
  registerFhirCommand(program);
  registerFideliusCommand(program);
  registerRunCommand(program);
  registerReportCommand(program);
}
