// Runs tests in parallel where they share no state: at most `concurrency` at once, never two that name the same
// shared state, started in declaration order (a blocked test does not hold back the ones after it).

export interface Schedulable {
  readonly shares: ReadonlyArray<string>;
}

/** Runs every item; resolves when all have finished. `run` must not reject. */
export async function runScheduled<T extends Schedulable>(items: ReadonlyArray<T>, concurrency: number, run: (item: T) => Promise<void>): Promise<void> {
  const pending = [...items];
  const running = new Set<T>();
  const limit = Math.max(1, concurrency);
  await new Promise<void>((resolve) => {
    const startWhatCan = () => {
      for (let i = 0; i < pending.length && running.size < limit; ) {
        const item = pending[i];
        const busy = [...running].some((r) => r.shares.some((s) => item.shares.includes(s)));
        if (busy) {
          i += 1;
          continue;
        }
        pending.splice(i, 1);
        running.add(item);
        void run(item).finally(() => {
          running.delete(item);
          startWhatCan();
        });
      }
      if (pending.length === 0 && running.size === 0) resolve();
    };
    startWhatCan();
  });
}
