// Opens the sandbox's SQLite store (better-sqlite3, WAL) and brings its schema up to date.
// The store holds only what changed in the world: partners, bridges, the journal, callbacks in flight.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type Db = Database.Database;

export interface StoreLocation {
  /** Directory for `sandbox.db`; ignored when `inMemory`. */
  dataDir?: string;
  inMemory?: boolean;
}

const MIGRATIONS: ReadonlyArray<string> = [
  // 1: partners, bridges, journal, sent callbacks, key-value settings
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE clients (
    client_id TEXT PRIMARY KEY,
    secret_hash TEXT NOT NULL,
    bridge_url TEXT,
    bridge_updated_at TEXT,
    created_at TEXT NOT NULL,
    demo INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE services (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    service_id TEXT NOT NULL UNIQUE,
    client_id TEXT NOT NULL REFERENCES clients(client_id),
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('hip', 'hiu')),
    facility_id TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  -- The journal is stored in segments: each flush writes its exchanges as one JSON array, a Bloom filter of
  -- their correlation ids, and index rows for the clients and operations in it. One row per batch, not per
  -- exchange.
  CREATE TABLE journal_segments (
    seq INTEGER PRIMARY KEY,
    min_id INTEGER NOT NULL,
    max_id INTEGER NOT NULL,
    max_started TEXT NOT NULL,
    correlation_bloom BLOB NOT NULL,
    exchanges TEXT NOT NULL
  );
  CREATE INDEX journal_segments_max_id ON journal_segments (max_id);
  CREATE TABLE journal_keys (
    key TEXT NOT NULL,
    segment INTEGER NOT NULL,
    PRIMARY KEY (key, segment)
  ) WITHOUT ROWID;
  CREATE TABLE sent_callbacks (
    request_id TEXT PRIMARY KEY,
    callback_id TEXT NOT NULL,
    client_id TEXT NOT NULL,
    service_id TEXT NOT NULL,
    exchange_id INTEGER NOT NULL,
    sent_at TEXT NOT NULL,
    delivery TEXT NOT NULL DEFAULT 'pending' CHECK (delivery IN ('pending', 'delivered', 'failed')),
    answered_by INTEGER,
    answered_at TEXT
  );
  `,
  // 2: the ABHA service (M1): accounts created or changed in this sandbox, ABHA addresses, OTP transactions,
  // logged-out user tokens. The synthetic population itself is never stored.
  `
  CREATE TABLE abha_accounts (
    abha_number TEXT PRIMARY KEY,
    source TEXT NOT NULL CHECK (source IN ('world', 'enrolled')),
    profile TEXT NOT NULL,
    mobile TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX abha_accounts_mobile ON abha_accounts (mobile);
  CREATE TABLE abha_addresses (
    address TEXT PRIMARY KEY,
    abha_number TEXT,
    profile TEXT,
    mobile TEXT,
    preferred INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
  );
  CREATE INDEX abha_addresses_abha_number ON abha_addresses (abha_number);
  CREATE INDEX abha_addresses_mobile ON abha_addresses (mobile);
  CREATE TABLE abha_transactions (
    txn_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    client_id TEXT,
    state TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX abha_transactions_expires ON abha_transactions (expires_at);
  CREATE TABLE abha_revoked_tokens (
    jti TEXT PRIMARY KEY,
    revoked_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  `,
  // 3: M2 flows (the virtual patient, consent manager and HIU toward HIPs): discoveries, link requests, linked
  // care contexts, link tokens, consents and their notices, health-information transfers, pushes and verdicts,
  // profile shares.
  `
  CREATE TABLE discoveries (
    transaction_id TEXT PRIMARY KEY,
    request_id TEXT NOT NULL UNIQUE,
    abha_address TEXT NOT NULL,
    hip_id TEXT NOT NULL,
    status TEXT NOT NULL,
    result TEXT,
    created_at TEXT NOT NULL,
    completed_at TEXT
  );
  CREATE TABLE link_requests (
    request_id TEXT PRIMARY KEY,
    transaction_id TEXT NOT NULL,
    abha_address TEXT NOT NULL,
    hip_id TEXT NOT NULL,
    entries TEXT NOT NULL,
    link_ref TEXT,
    communication_expiry TEXT,
    status TEXT NOT NULL,
    confirm_request_id TEXT,
    confirm_expectation TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX link_requests_ref ON link_requests (abha_address, link_ref);
  CREATE INDEX link_requests_confirm ON link_requests (confirm_request_id);
  CREATE TABLE linked_care_contexts (
    hip_id TEXT NOT NULL,
    abha_address TEXT NOT NULL,
    care_context_ref TEXT NOT NULL,
    patient_ref TEXT NOT NULL,
    hi_type TEXT,
    display TEXT,
    linked_by TEXT NOT NULL CHECK (linked_by IN ('patient', 'hip')),
    linked_at TEXT NOT NULL,
    PRIMARY KEY (hip_id, abha_address, care_context_ref)
  ) WITHOUT ROWID;
  CREATE TABLE link_tokens (
    token_id TEXT PRIMARY KEY,
    hip_id TEXT NOT NULL,
    abha_address TEXT NOT NULL,
    abha_number TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX link_tokens_patient ON link_tokens (hip_id, abha_address, expires_at);
  CREATE TABLE consents (
    consent_id TEXT PRIMARY KEY,
    hip_id TEXT NOT NULL,
    hiu_id TEXT NOT NULL,
    abha_address TEXT NOT NULL,
    status TEXT NOT NULL,
    detail TEXT NOT NULL,
    signature TEXT NOT NULL,
    data_erase_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX consents_expiry ON consents (status, data_erase_at);
  CREATE TABLE consent_notices (
    request_id TEXT PRIMARY KEY,
    consent_id TEXT NOT NULL,
    status TEXT NOT NULL,
    answer TEXT,
    sent_at TEXT NOT NULL,
    answered_at TEXT
  );
  CREATE INDEX consent_notices_consent ON consent_notices (consent_id);
  CREATE TABLE hi_transfers (
    transaction_id TEXT PRIMARY KEY,
    request_id TEXT NOT NULL UNIQUE,
    consent_id TEXT NOT NULL,
    hip_id TEXT NOT NULL,
    consent_status TEXT NOT NULL,
    date_range TEXT NOT NULL,
    key_material TEXT NOT NULL,
    private_key TEXT NOT NULL,
    status TEXT NOT NULL,
    answer TEXT,
    notification TEXT,
    requested_at TEXT NOT NULL,
    answered_at TEXT,
    notified_at TEXT
  );
  CREATE INDEX hi_transfers_consent ON hi_transfers (consent_id);
  CREATE TABLE hi_pushes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    transaction_id TEXT NOT NULL,
    exchange_id INTEGER NOT NULL,
    page_number INTEGER,
    page_count INTEGER,
    received_at TEXT NOT NULL,
    findings TEXT NOT NULL
  );
  CREATE INDEX hi_pushes_transaction ON hi_pushes (transaction_id);
  CREATE TABLE hi_entry_verdicts (
    push_seq INTEGER NOT NULL REFERENCES hi_pushes(seq),
    entry_index INTEGER NOT NULL,
    transaction_id TEXT NOT NULL,
    care_context_ref TEXT,
    hi_type TEXT,
    verdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'rejected')),
    findings TEXT NOT NULL,
    PRIMARY KEY (push_seq, entry_index)
  );
  CREATE INDEX hi_entry_verdicts_transaction ON hi_entry_verdicts (transaction_id);
  CREATE TABLE profile_shares (
    request_id TEXT PRIMARY KEY,
    hip_id TEXT NOT NULL,
    counter_id TEXT NOT NULL,
    abha_address TEXT NOT NULL,
    token_number TEXT,
    status TEXT NOT NULL,
    shared_at TEXT NOT NULL,
    answered_at TEXT
  );
  CREATE INDEX profile_shares_counter ON profile_shares (hip_id, counter_id, shared_at);
  `,
  // 4: M3 flows (the virtual patient, consent manager and HIPs toward HIUs): consent requests and their
  // artefacts (the artefacts themselves are rows of consents), notifications to the HIU, the HIU's transfers,
  // and the settable patient policies and virtual-HIP behaviours. A HIP leg relayed to a partner HIP keeps its
  // hi_transfers row, marked with the HIU it pushes to (the sandbox then never sees the pages).
  `
  CREATE TABLE consent_requests (
    consent_request_id TEXT PRIMARY KEY,
    request_id TEXT NOT NULL,
    hiu_id TEXT NOT NULL,
    abha_address TEXT NOT NULL,
    consent TEXT NOT NULL,
    status TEXT NOT NULL,
    policy TEXT,
    reason TEXT,
    decide_at TEXT,
    revoke_at TEXT,
    lapse_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX consent_requests_decide ON consent_requests (status, decide_at);
  CREATE INDEX consent_requests_revoke ON consent_requests (status, revoke_at);
  CREATE INDEX consent_requests_lapse ON consent_requests (status, lapse_at);
  CREATE TABLE consent_request_artefacts (
    consent_id TEXT PRIMARY KEY,
    consent_request_id TEXT NOT NULL,
    hip_mode TEXT NOT NULL CHECK (hip_mode IN ('virtual', 'partner')),
    fetched_at TEXT
  );
  CREATE INDEX consent_request_artefacts_request ON consent_request_artefacts (consent_request_id);
  CREATE TABLE hiu_notices (
    request_id TEXT PRIMARY KEY,
    consent_request_id TEXT NOT NULL,
    status TEXT NOT NULL,
    artefacts TEXT NOT NULL,
    answer TEXT,
    sent_at TEXT NOT NULL,
    answered_at TEXT
  );
  CREATE INDEX hiu_notices_request ON hiu_notices (consent_request_id);
  CREATE TABLE hiu_transfers (
    transaction_id TEXT PRIMARY KEY,
    request_id TEXT NOT NULL,
    consent_id TEXT NOT NULL,
    hiu_id TEXT NOT NULL,
    hip_id TEXT NOT NULL,
    hip_mode TEXT NOT NULL CHECK (hip_mode IN ('virtual', 'partner')),
    date_range TEXT NOT NULL,
    data_push_url TEXT NOT NULL,
    key_value TEXT NOT NULL,
    nonce TEXT NOT NULL,
    status TEXT NOT NULL,
    error TEXT,
    delivery TEXT,
    notification TEXT,
    requested_at TEXT NOT NULL,
    delivered_at TEXT,
    notified_at TEXT,
    notify_overdue INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX hiu_transfers_key ON hiu_transfers (hiu_id, key_value);
  CREATE INDEX hiu_transfers_nonce ON hiu_transfers (hiu_id, nonce);
  CREATE INDEX hiu_transfers_consent ON hiu_transfers (consent_id);
  CREATE INDEX hiu_transfers_waiting ON hiu_transfers (status, delivered_at);
  CREATE TABLE consent_policies (
    abha_address TEXT PRIMARY KEY,
    policy TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE virtual_hip_behaviours (
    scope TEXT PRIMARY KEY,
    behaviour TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX linked_care_contexts_patient ON linked_care_contexts (abha_address);
  ALTER TABLE hi_transfers ADD COLUMN relayed_to_hiu TEXT;
  `,
  // 5: the decrypted content of each entry a HIP pushed to the sandbox, so a report can show what was sent (the
  // journal keeps only a shortened ciphertext).
  `
  ALTER TABLE hi_entry_verdicts ADD COLUMN content TEXT;
  `,
];

/** Opens (creating if needed) the store and applies pending migrations in one transaction each. */
export function openDatabase(location: StoreLocation): Db {
  let file = ':memory:';
  if (!location.inMemory) {
    const dir = location.dataDir ?? '.abdm-sandbox';
    mkdirSync(dir, { recursive: true });
    file = join(dir, 'sandbox.db');
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new Error(`The store was written by a newer abdm-sandbox (schema ${version}; this one knows ${MIGRATIONS.length}). Use a newer version or another --data-dir.`);
  }
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
