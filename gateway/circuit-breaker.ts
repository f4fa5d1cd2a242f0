export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before it lets one probe through. */
  coolDownMs: number;
  /** The clock (tests pass their own). */
  now?: () => number;
}

/**
 * One partner's circuit: closed (calls go through), open after `failureThreshold` consecutive
 * failures (calls are refused at once, without waiting for a timeout), half-open once `coolDownMs`
 * has passed (one probe goes through; its success closes the circuit, its failure opens it again
 * for another cool-down). Only the partner's own failures count: an answer, even one refusing the
 * client's input, is a success.
 */
export class CircuitBreaker {
  private consecutiveFailures = 0;
  private openedAt: number | null = null;
  private probing = false;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    if (this.openedAt === null) return 'closed';
    return this.now() - this.openedAt >= this.options.coolDownMs ? 'half-open' : 'open';
  }

  get failures(): number {
    return this.consecutiveFailures;
  }

  /**
   * Whether a call may go out now; when it may, the caller must report its outcome with
   * `succeeded` or `failed`. In half-open state only one call (the probe) is admitted at a time.
   */
  admit(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probing) return false;
    this.probing = true;
    return true;
  }

  succeeded(): void {
    this.consecutiveFailures = 0;
    this.openedAt = null;
    this.probing = false;
  }

  failed(): void {
    this.consecutiveFailures += 1;
    if (this.probing || this.consecutiveFailures >= this.options.failureThreshold) this.openedAt = this.now();
    this.probing = false;
  }
}
