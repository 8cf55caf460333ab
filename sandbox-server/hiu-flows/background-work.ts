// Work the M3 flows do after answering the call that caused it (a virtual HIP pushing pages, a decision waiting
// for on-init to be delivered): tracked per sandbox so that closing it waits for the work instead of pulling the
// store from under it.
import type { SandboxContext } from '../context.js';

const running = new WeakMap<SandboxContext, Set<Promise<unknown>>>();

/** Runs `work` in the background of this sandbox; failures are logged, never thrown at a caller. */
export function inBackground(ctx: SandboxContext, what: string, work: () => Promise<unknown>): void {
  let set = running.get(ctx);
  if (!set) running.set(ctx, (set = new Set()));
  const done = Promise.resolve()
    .then(work)
    .catch((err: unknown) => console.error(`abdm-sandbox: ${what} failed:`, err));
  set.add(done);
  void done.finally(() => set!.delete(done));
}

/** Resolves when every piece of background work started so far (and any it started) has finished. */
export async function drainBackgroundWork(ctx: SandboxContext): Promise<void> {
  const set = running.get(ctx);
  while (set && set.size > 0) await Promise.allSettled([...set]);
}

/** Whether background work is still running in this sandbox. */
export function hasBackgroundWork(ctx: SandboxContext): boolean {
  return (running.get(ctx)?.size ?? 0) > 0;
}
