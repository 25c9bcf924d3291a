/**
 * In-memory login throttle over a sliding window. An attempt is counted
 * *before* its password is checked (`reserve`, synchronous: check and count
 * in one step), so concurrent guesses cannot all slip in while the first
 * ones are still being hashed; a success gives its slot back. Two kinds of
 * keys are used by the login route: (email, client address), against
 * guessing one account's password, and (client address, password), against
 * spraying one password across many accounts. Per process by design:
 * several instances each apply the limit, which still bounds guessing to a
 * small multiple.
 */
export interface Reservation {
  /** Seconds to wait before the next attempt is allowed; 0 when the attempt was counted and may go on. */
  retryAfter: number
  /** The attempt succeeded: give the slots back (and forget the failures of `clearKeys`). */
  succeeded(clearKeys?: readonly string[]): void
}

export class LoginRateLimiter {
  readonly #attempts = new Map<string, number[]>()

  constructor(private readonly maxAttempts: number, private readonly windowMs: number) {}

  /** Seconds to wait before the next attempt on `key` is allowed, or 0 (does not count anything). */
  retryAfter(key: string, now = Date.now()): number {
    const recent = this.#recent(key, now)
    if (recent.length < this.maxAttempts) return 0
    const oldest = recent[0] ?? now
    return Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000))
  }

  /**
   * Counts one attempt on every key at once, unless one of them is already
   * at the limit (then nothing is counted and `retryAfter` says how long to
   * wait). The attempt stays counted as a failure unless `succeeded` is called.
   */
  reserve(keys: readonly string[], now = Date.now()): Reservation {
    const wait = Math.max(0, ...keys.map((k) => this.retryAfter(k, now)))
    if (wait > 0) return { retryAfter: wait, succeeded: () => {} }
    for (const key of keys) this.recordFailure(key, now)
    let done = false
    return {
      retryAfter: 0,
      succeeded: (clearKeys = []) => {
        if (done) return
        done = true
        for (const key of keys) this.#release(key, now)
        for (const key of clearKeys) this.clear(key)
      },
    }
  }

  recordFailure(key: string, now = Date.now()): void {
    const recent = this.#recent(key, now)
    recent.push(now)
    this.#attempts.set(key, recent)
    if (this.#attempts.size > 10_000) this.#prune(now)
  }

  clear(key: string): void {
    this.#attempts.delete(key)
  }

  #release(key: string, at: number): void {
    const times = this.#attempts.get(key)
    if (!times) return
    const i = times.lastIndexOf(at)
    if (i >= 0) times.splice(i, 1)
    if (times.length === 0) this.#attempts.delete(key)
  }

  #recent(key: string, now: number): number[] {
    return (this.#attempts.get(key) ?? []).filter((t) => now - t < this.windowMs)
  }

  #prune(now: number): void {
    for (const [key, times] of this.#attempts) {
      if (times.every((t) => now - t >= this.windowMs)) this.#attempts.delete(key)
    }
  }
}
