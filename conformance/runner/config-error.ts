// A problem with what the run was asked to do (unknown test id, missing partner id, unreadable expected-failures
// file, ...): found before any test runs, reported in one line, exit code 2.

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
