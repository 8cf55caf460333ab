// Runs `abdm-sandbox` as a child process for end-to-end tests: collects its output, can wait for a line, and
// resolves with the exit code.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');

export interface CliProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the first match of `pattern` in stdout+stderr (waiting for it to appear). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exit: Promise<number | null>;
}

export function startCli(args: ReadonlyArray<string>, env: Record<string, string> = {}): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/abdm-sandbox.ts', ...args], { cwd: root, env: { ...process.env, ...env } });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return {
    child,
    output: () => out,
    async waitFor(pattern, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const m = out.match(pattern);
        if (m) return m;
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no ${pattern} in the output:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    exit,
  };
}

/** Runs the CLI to the end. */
export async function runCli(args: ReadonlyArray<string>, env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const p = startCli(args, env);
  const code = await p.exit;
  return { code, output: p.output() };
}
