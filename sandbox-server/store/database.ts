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
  CREATE TABLE exchanges (
    id INTEGER PRIMARY KEY,
    direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    operation_id TEXT,
    method TEXT NOT NULL,
    url TEXT NOT NULL,
    client_id TEXT,
    service_id TEXT,
    request_id TEXT,
    request_headers TEXT NOT NULL,
    request_body TEXT,
    status INTEGER,
    response_headers TEXT,
    response_body TEXT,
    error_code TEXT,
    error_message TEXT,
    started_at TEXT NOT NULL,
    duration_ms REAL NOT NULL,
    caused_by INTEGER,
    answers INTEGER,
    attempt INTEGER,
    findings TEXT NOT NULL DEFAULT '[]'
  );
  CREATE INDEX exchanges_client ON exchanges (client_id, id);
  CREATE INDEX exchanges_request_id ON exchanges (request_id);
  CREATE INDEX exchanges_started ON exchanges (started_at);
  CREATE TABLE exchange_ids (
    value TEXT NOT NULL,
    exchange_id INTEGER NOT NULL,
    PRIMARY KEY (value, exchange_id)
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
