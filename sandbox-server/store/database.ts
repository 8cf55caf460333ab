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
