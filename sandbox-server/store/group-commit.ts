// Group commit for the store's hot writes. A write opens one shared transaction (if none is open) that commits
// within COMMIT_INTERVAL_MS, so the many small writes of busy flows (a callback recorded, a delivery marked, a
// care context linked) cost one WAL commit together rather than one each. Reads on this connection see the
// writes at once; other processes see them after the commit; a crash loses at most the last interval, as with
// the journal's segments. Transactions of better-sqlite3's `db.transaction()` nest as savepoints inside it.
import type { Db } from './database.js';

export const COMMIT_INTERVAL_MS = 10;

export class GroupCommit {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly db: Db) {}

  /** Call before a write: makes sure the shared transaction is open and will be committed soon. */
  begin(): void {
    if (this.db.inTransaction) return;
    this.db.exec('BEGIN');
    this.timer = setTimeout(() => this.commit(), COMMIT_INTERVAL_MS);
  }

  /** Commits now (the timer does it on its own; close() and tests call it to be sure). */
  commit(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.db.inTransaction) this.db.exec('COMMIT');
  }
}
