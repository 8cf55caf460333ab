// Link tokens the gateway issued (spec §5.5, §12.1 "(abhaAddress, hipId) → jwt, exp"): to tell a HIP that
// regenerates from one that reuses the token it holds.
import type { Db } from './database.js';
import type { GroupCommit } from './group-commit.js';

export interface IssuedLinkToken {
  tokenId: string;
  hipId: string;
  abhaAddress: string;
  abhaNumber: string;
  issuedAt: string;
  expiresAt: string;
}

interface Row {
  token_id: string;
  hip_id: string;
  abha_address: string;
  abha_number: string;
  issued_at: string;
  expires_at: string;
}

export class LinkTokenRepository {
  private readonly insertStmt;
  private readonly validStmt;

  constructor(
    db: Db,
    private readonly group?: GroupCommit,
  ) {
    this.insertStmt = db.prepare('INSERT INTO link_tokens (token_id, hip_id, abha_address, abha_number, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.validStmt = db.prepare<[string, string, string], Row>('SELECT * FROM link_tokens WHERE hip_id = ? AND abha_address = ? AND expires_at > ? ORDER BY rowid DESC LIMIT 1');
  }

  insert(t: IssuedLinkToken): void {
    this.group?.begin();
    this.insertStmt.run(t.tokenId, t.hipId, t.abhaAddress, t.abhaNumber, t.issuedAt, t.expiresAt);
  }

  /** The newest token for this patient at this HIP still valid at `nowIso`. */
  validFor(hipId: string, abhaAddress: string, nowIso: string): IssuedLinkToken | undefined {
    const row = this.validStmt.get(hipId, abhaAddress, nowIso);
    return row
      ? { tokenId: row.token_id, hipId: row.hip_id, abhaAddress: row.abha_address, abhaNumber: row.abha_number, issuedAt: row.issued_at, expiresAt: row.expires_at }
      : undefined;
  }
}
