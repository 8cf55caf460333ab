// How a test ends early: a failed `assert` or an expired `expect` (fail, already recorded), or `skip`.
// Anything else a test throws is a harness error.

export class TestStopped extends Error {
  constructor(
    readonly outcome: 'fail' | 'skip',
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'TestStopped';
  }
}
