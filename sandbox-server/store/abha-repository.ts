// The ABHA service's rows: accounts created or changed here, ABHA addresses, OTP transactions and logged-out
// tokens. Rows hold JSON; the ABHA services give it meaning.
import type { AbhaAccount, SelfDeclaredAddress, WorldAccountChanges } from '../abha/account-types.js';
import type { Db } from './database.js';

export type StoredAccount =
  | { abhaNumber: string; source: 'world'; changes: WorldAccountChanges; mobile?: string }
  | { abhaNumber: string; source: 'enrolled'; account: Omit<AbhaAccount, 'abhaAddresses' | 'preferredAbhaAddress'>; mobile?: string };

export interface StoredAddress {
  address: string;
  /** The account the address belongs to; undefined for a self-declared address. */
  abhaNumber?: string;
  selfDeclared?: SelfDeclaredAddress;
  mobile?: string;
  preferred: boolean;
  createdAt: string;
}

export interface StoredTransaction<S = unknown> {
  txnId: string;
  kind: string;
  clientId?: string;
  state: S;
  createdAt: string;
  expiresAt: string;
}

interface AccountRow {
  abha_number: string;
  source: 'world' | 'enrolled';
  profile: string;
  mobile: string | null;
}

interface AddressRow {
  address: string;
  abha_number: string | null;
  profile: string | null;
  mobile: string | null;
  preferred: number;
  created_at: string;
}

function toAccount(row: AccountRow): StoredAccount {
  const mobile = row.mobile ?? undefined;
  return row.source === 'world'
    ? { abhaNumber: row.abha_number, source: 'world', changes: JSON.parse(row.profile) as WorldAccountChanges, mobile }
    : { abhaNumber: row.abha_number, source: 'enrolled', account: JSON.parse(row.profile) as Extract<StoredAccount, { source: 'enrolled' }>['account'], mobile };
}

function toAddress(row: AddressRow): StoredAddress {
  return {
    address: row.address,
    abhaNumber: row.abha_number ?? undefined,
    selfDeclared: row.profile ? (JSON.parse(row.profile) as SelfDeclaredAddress) : undefined,
    mobile: row.mobile ?? undefined,
    preferred: row.preferred === 1,
    createdAt: row.created_at,
  };
}

export class AbhaRepository {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      account: db.prepare<[string], AccountRow>('SELECT abha_number, source, profile, mobile FROM abha_accounts WHERE abha_number = ?'),
      accountsByMobile: db.prepare<[string], AccountRow>('SELECT abha_number, source, profile, mobile FROM abha_accounts WHERE mobile = ? ORDER BY abha_number'),
      putAccount: db.prepare(
        `INSERT INTO abha_accounts (abha_number, source, profile, mobile, created_at, updated_at) VALUES (@abhaNumber, @source, @profile, @mobile, @now, @now)
         ON CONFLICT (abha_number) DO UPDATE SET profile = excluded.profile, mobile = excluded.mobile, updated_at = excluded.updated_at`,
      ),
      address: db.prepare<[string], AddressRow>('SELECT * FROM abha_addresses WHERE address = ?'),
      addressesOf: db.prepare<[string], AddressRow>('SELECT * FROM abha_addresses WHERE abha_number = ? ORDER BY preferred DESC, created_at, address'),
      selfDeclaredByMobile: db.prepare<[string], AddressRow>('SELECT * FROM abha_addresses WHERE mobile = ? AND abha_number IS NULL ORDER BY created_at, address'),
      insertAddress: db.prepare(
        'INSERT OR IGNORE INTO abha_addresses (address, abha_number, profile, mobile, preferred, created_at) VALUES (@address, @abhaNumber, @profile, @mobile, @preferred, @createdAt)',
      ),
      clearPreferred: db.prepare('UPDATE abha_addresses SET preferred = 0 WHERE abha_number = ?'),
      transaction: db.prepare<[string], { txn_id: string; kind: string; client_id: string | null; state: string; created_at: string; expires_at: string }>(
        'SELECT * FROM abha_transactions WHERE txn_id = ?',
      ),
      putTransaction: db.prepare(
        `INSERT INTO abha_transactions (txn_id, kind, client_id, state, created_at, expires_at) VALUES (@txnId, @kind, @clientId, @state, @createdAt, @expiresAt)
         ON CONFLICT (txn_id) DO UPDATE SET kind = excluded.kind, state = excluded.state, expires_at = excluded.expires_at`,
      ),
      purgeTransactions: db.prepare('DELETE FROM abha_transactions WHERE expires_at < ?'),
      revoke: db.prepare('INSERT OR IGNORE INTO abha_revoked_tokens (jti, revoked_at, expires_at) VALUES (?, ?, ?)'),
      revoked: db.prepare<[string], { jti: string }>('SELECT jti FROM abha_revoked_tokens WHERE jti = ?'),
      counts: db.prepare<[], { accounts: number; enrolled: number; addresses: number; transactions: number }>(
        `SELECT (SELECT COUNT(*) FROM abha_accounts) AS accounts, (SELECT COUNT(*) FROM abha_accounts WHERE source = 'enrolled') AS enrolled,
                (SELECT COUNT(*) FROM abha_addresses) AS addresses, (SELECT COUNT(*) FROM abha_transactions) AS transactions`,
      ),
    };
  }

  account(abhaNumber: string): StoredAccount | undefined {
    const row = this.stmts.account.get(abhaNumber);
    return row ? toAccount(row) : undefined;
  }

  accountsByMobile(mobile: string): StoredAccount[] {
    return this.stmts.accountsByMobile.all(mobile).map(toAccount);
  }

  /** Inserts or replaces an account's row. */
  putAccount(account: StoredAccount, nowIso: string): void {
    const profile = JSON.stringify(account.source === 'world' ? account.changes : account.account);
    this.stmts.putAccount.run({ abhaNumber: account.abhaNumber, source: account.source, profile, mobile: account.mobile ?? null, now: nowIso });
  }

  address(address: string): StoredAddress | undefined {
    const row = this.stmts.address.get(address);
    return row ? toAddress(row) : undefined;
  }

  addressesOf(abhaNumber: string): StoredAddress[] {
    return this.stmts.addressesOf.all(abhaNumber).map(toAddress);
  }

  selfDeclaredByMobile(mobile: string): StoredAddress[] {
    return this.stmts.selfDeclaredByMobile.all(mobile).map(toAddress);
  }

  /** Adds an address; false when it is already taken. A preferred address replaces the account's previous one. */
  insertAddress(address: StoredAddress): boolean {
    return this.db.transaction(() => {
      if (address.preferred && address.abhaNumber) this.stmts.clearPreferred.run(address.abhaNumber);
      const result = this.stmts.insertAddress.run({
        address: address.address,
        abhaNumber: address.abhaNumber ?? null,
        profile: address.selfDeclared ? JSON.stringify(address.selfDeclared) : null,
        mobile: address.mobile ?? null,
        preferred: address.preferred ? 1 : 0,
        createdAt: address.createdAt,
      });
      return result.changes === 1;
    })();
  }

  transaction<S>(txnId: string): StoredTransaction<S> | undefined {
    const row = this.stmts.transaction.get(txnId);
    if (!row) return undefined;
    return { txnId: row.txn_id, kind: row.kind, clientId: row.client_id ?? undefined, state: JSON.parse(row.state) as S, createdAt: row.created_at, expiresAt: row.expires_at };
  }

  putTransaction(txn: StoredTransaction): void {
    this.stmts.putTransaction.run({ txnId: txn.txnId, kind: txn.kind, clientId: txn.clientId ?? null, state: JSON.stringify(txn.state), createdAt: txn.createdAt, expiresAt: txn.expiresAt });
  }

  /** Forgets transactions that expired before `nowIso`. */
  purgeTransactions(nowIso: string): number {
    return this.stmts.purgeTransactions.run(nowIso).changes;
  }

  revokeToken(jti: string, nowIso: string, expiresIso: string): void {
    this.stmts.revoke.run(jti, nowIso, expiresIso);
  }

  isRevoked(jti: string): boolean {
    return this.stmts.revoked.get(jti) !== undefined;
  }

  counts(): { accounts: number; enrolled: number; addresses: number; transactions: number } {
    return this.stmts.counts.get()!;
  }
}
