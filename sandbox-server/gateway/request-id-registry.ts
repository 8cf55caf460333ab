// Remembers the REQUEST-IDs each client has used, to refuse a reused one (spec §3.2, ABDM-1064).
// Bounded in time and size: a gateway under load must not grow without limit.

export class RequestIdRegistry {
  /** `client|requestId` → expiry (ms); Map keeps insertion order, so the oldest entries are first. */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs: number = 30 * 60_000,
    private readonly maxEntries: number = 500_000,
  ) {}

  /** Records the id; false when this client already used it within the TTL. */
  remember(clientKey: string, requestId: string, nowMs: number): boolean {
    const key = `${clientKey}|${requestId.toLowerCase()}`;
    const expiry = this.seen.get(key);
    if (expiry !== undefined && expiry > nowMs) return false;
    if (expiry !== undefined) this.seen.delete(key);
    this.seen.set(key, nowMs + this.ttlMs);
    this.evict(nowMs);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  private evict(nowMs: number): void {
    for (const [key, expiry] of this.seen) {
      if (expiry > nowMs && this.seen.size <= this.maxEntries) break;
      this.seen.delete(key);
    }
  }
}
