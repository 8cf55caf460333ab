// Exit codes shared by every command (DESIGN.md): CI gates read them.
export const EXIT = {
  ok: 0,
  /** A conformance failure, or (for validators) an invalid input. */
  failure: 1,
  /** Bad usage or configuration. */
  usage: 2,
  /** The harness itself failed. */
  harnessError: 3,
} as const;

/** An error that should end the command with a usage exit code and a one-line message. */
export class UsageError extends Error {}
