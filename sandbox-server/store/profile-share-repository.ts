// Profile shares the virtual patient made at HIP counters (spec §5.11): to check that a rescan within 30
// minutes gets the same token and that tokens rise per counter per day.
import type { Db } from './database.js';
import type { GroupCommit } from './group-commit.js';

export type ProfileShareStatus = 'requested' | 'shared' | 'refused' | 'undeliverable';

export interface ProfileShareRecord {
  /** REQUEST-ID of the share call. */
  requestId: string;
  hipId: string;
  counterId: string;
  abhaAddress: string;
  tokenNumber?: string;
  status: ProfileShareStatus;
  sharedAt: string;
  answeredAt?: string;
}

interface Row {
  request_id: string;
  hip_id: string;
  counter_id: string;
  abha_address: string;
  token_number: string | null;
  status: ProfileShareStatus;
  shared_at: string;
  answered_at: string | null;
}

export class ProfileShareRepository {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly answerStmt;
  private readonly counterSinceStmt;

  constructor(
    db: Db,
    private readonly group?: GroupCommit,
  ) {
    this.insertStmt = db.prepare('INSERT INTO profile_shares (request_id, hip_id, counter_id, abha_address, status, shared_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.getStmt = db.prepare<[string], Row>('SELECT * FROM profile_shares WHERE request_id = ?');
    this.answerStmt = db.prepare('UPDATE profile_shares SET status = ?, token_number = ?, answered_at = ? WHERE request_id = ?');
    this.counterSinceStmt = db.prepare<[string, string, string], Row>(
      "SELECT * FROM profile_shares WHERE hip_id = ? AND counter_id = ? AND shared_at >= ? AND status = 'shared' ORDER BY rowid",
    );
  }

  insert(s: Pick<ProfileShareRecord, 'requestId' | 'hipId' | 'counterId' | 'abhaAddress' | 'sharedAt'>): void {
    this.group?.begin();
    this.insertStmt.run(s.requestId, s.hipId, s.counterId, s.abhaAddress, 'requested', s.sharedAt);
  }

  get(requestId: string): ProfileShareRecord | undefined {
    const row = this.getStmt.get(requestId);
    return row ? fromRow(row) : undefined;
  }

  answer(requestId: string, status: ProfileShareStatus, tokenNumber: string | undefined, at: string): void {
    this.group?.begin();
    this.answerStmt.run(status, tokenNumber ?? null, at, requestId);
  }

  /** Successful shares at this counter since `sinceIso`, oldest first. */
  sharedAtCounterSince(hipId: string, counterId: string, sinceIso: string): ProfileShareRecord[] {
    return this.counterSinceStmt.all(hipId, counterId, sinceIso).map(fromRow);
  }
}

function fromRow(row: Row): ProfileShareRecord {
  return {
    requestId: row.request_id,
    hipId: row.hip_id,
    counterId: row.counter_id,
    abhaAddress: row.abha_address,
    tokenNumber: row.token_number ?? undefined,
    status: row.status,
    sharedAt: row.shared_at,
    answeredAt: row.answered_at ?? undefined,
  };
}
