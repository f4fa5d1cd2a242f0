/** What a replay cache says of a token id shown to it. */
export type ReplayVerdict = 'FIRST_USE' | 'REPLAYED' | 'FULL';

/** How many live token ids one subgraph process remembers: ~2,800 requests a second over a 35 s lifetime. */
export const DEFAULT_REPLAY_CAPACITY = 100_000;

/**
 * The token ids (`jti`) a subgraph process has accepted, each kept until its token can no longer
 * be accepted anyway, so that an internal token is used once. Bounded: when every slot holds a live
 * id, a new token is refused (`FULL`) rather than an old id forgotten, which would reopen its
 * replay. One process knows its own requests only: with several replicas of one subgraph, share
 * the cache (e.g. Redis `SET jti NX PX`) or keep the token lifetime short, so that a token replayed to
 * another replica has little time left.
 */
export class ReplayCache {
  /** Token id → the time (ms) after which its token is expired anyway; in insertion order, about expiry order. */
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly capacity = DEFAULT_REPLAY_CAPACITY,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records `id` until `expiresAt` (ms since the epoch), unless it was seen before or there is no room. */
  claim(id: string, expiresAt: number): ReplayVerdict {
    const now = this.now();
    this.forgetExpired(now);
    const known = this.expiries.get(id);
    if (known !== undefined && known > now) return 'REPLAYED';
    if (this.expiries.size >= this.capacity) return 'FULL';
    this.expiries.set(id, expiresAt);
    return 'FIRST_USE';
  }

  get size(): number {
    return this.expiries.size;
  }

  /**
   * Tokens share one lifetime, so the oldest entries expire first: stop at the first live one (a
   * later one that expired sooner is dropped on a later call).
   */
  private forgetExpired(now: number): void {
    for (const [id, expiresAt] of this.expiries) {
      if (expiresAt > now) return;
      this.expiries.delete(id);
    }
  }
}
