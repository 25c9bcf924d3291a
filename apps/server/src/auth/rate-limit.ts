/**
 * In-memory login throttle: at most `maxAttempts` failed logins per
 * (email, client address) within a sliding window. A successful login clears
 * the key. Per process by design: several instances each apply the limit,
 * which still bounds guessing to a small multiple.
 */
export class LoginRateLimiter {
  readonly #failures = new Map<string, number[]>()

  constructor(private readonly maxAttempts: number, private readonly windowMs: number) {}

  /** Seconds to wait before the next attempt is allowed, or 0. */
  retryAfter(key: string, now = Date.now()): number {
    const recent = this.#recent(key, now)
    if (recent.length < this.maxAttempts) return 0
    const oldest = recent[0] ?? now
    return Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000))
  }

  recordFailure(key: string, now = Date.now()): void {
    const recent = this.#recent(key, now)
    recent.push(now)
    this.#failures.set(key, recent)
    if (this.#failures.size > 10_000) this.#prune(now)
  }

  clear(key: string): void {
    this.#failures.delete(key)
  }

  #recent(key: string, now: number): number[] {
    return (this.#failures.get(key) ?? []).filter((t) => now - t < this.windowMs)
  }

  #prune(now: number): void {
    for (const [key, times] of this.#failures) {
      if (times.every((t) => now - t >= this.windowMs)) this.#failures.delete(key)
    }
  }
}
