import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { COMMIT_INTERVAL_MS } from './group-commit.js';
import { SandboxStore } from './sandbox-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'abdm-group-commit-'));
  dirs.push(dir);
  return dir;
}

const sent = (requestId: string) => ({ requestId, callbackId: 'hip.discover', clientId: 'C', serviceId: 'S', exchangeId: 1, sentAt: '2026-01-01T00:00:00.000Z' });

describe('group commit', () => {
  it('shows a write to this connection at once and to another after the interval', async () => {
    const dir = tempDir();
    const store = SandboxStore.open({ dataDir: dir });
    const other = openDatabase({ dataDir: dir });
    try {
      store.sentCallbacks.record(sent('r-1'));
      expect(store.sentCallbacks.get('r-1')?.delivery).toBe('pending');
      expect(other.prepare("SELECT COUNT(*) AS n FROM sent_callbacks WHERE request_id = 'r-1'").get()).toEqual({ n: 0 });
      await new Promise((r) => setTimeout(r, COMMIT_INTERVAL_MS * 5));
      expect(other.prepare("SELECT COUNT(*) AS n FROM sent_callbacks WHERE request_id = 'r-1'").get()).toEqual({ n: 1 });
    } finally {
      other.close();
      store.close();
    }
  });

  it('commits what is pending when the store closes', () => {
    const dir = tempDir();
    const store = SandboxStore.open({ dataDir: dir });
    store.sentCallbacks.record(sent('r-2'));
    store.sentCallbacks.markDelivery('r-2', 'delivered');
    store.close();
    const reopened = SandboxStore.open({ dataDir: dir });
    try {
      expect(reopened.sentCallbacks.get('r-2')?.delivery).toBe('delivered');
    } finally {
      reopened.close();
    }
  });
});
