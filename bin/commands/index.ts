// The list of sub-commands. Adding a command is adding a file here and one line below.
import type { Command } from 'commander';
import { registerFideliusCommand } from './fidelius.js';

export function registerCommands(program: Command): void {
  void program;
  registerFideliusCommand(program);
}
