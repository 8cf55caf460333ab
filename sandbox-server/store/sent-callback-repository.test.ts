import { describe, expect, it } from 'vitest';
import { SandboxStore } from './sandbox-store.js';

const sent = (requestId: string, callbackId: string) => ({ requestId, callbackId, clientId: 'C', serviceId: 'S', exchangeId: 1, sentAt: '2026-01-01T00:00:00.000Z' });

describe('sent callbacks', () => {
  it('persist calls that expect an answer, and keep the others in memory only', () => {
    const store = SandboxStore.open({ inMemory: true });
    try {
      store.sentCallbacks.record(sent('a', 'hip.discover'));
      store.sentCallbacks.record(sent('b', 'hip.on-carecontext'), false);
      store.sentCallbacks.markDelivery('b', 'delivered');
      expect(store.sentCallbacks.get('b')).toMatchObject({ callbackId: 'hip.on-carecontext', delivery: 'delivered' });
      store.group.commit();
      const rows = store.db.prepare('SELECT request_id FROM sent_callbacks ORDER BY request_id').all();
      expect(rows).toEqual([{ request_id: 'a' }]);
      expect(store.sentCallbacks.markAnswered('a', 7, '2026-01-01T00:00:01.000Z')).toBe(true);
      expect(store.sentCallbacks.markAnswered('a', 8, '2026-01-01T00:00:02.000Z')).toBe(false);
    } finally {
      store.close();
    }
  });
});
