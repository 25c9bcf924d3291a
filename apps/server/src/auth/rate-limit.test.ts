import { describe, expect, it } from 'vitest'
import { LoginRateLimiter } from './rate-limit.ts'

describe('LoginRateLimiter', () => {
  it('blocks after the maximum number of failures and frees the key after the window', () => {
    const limiter = new LoginRateLimiter(3, 60_000)
    const t0 = 1_000_000
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfter('a|ip', t0 + i)).toBe(0)
      limiter.recordFailure('a|ip', t0 + i)
    }
    expect(limiter.retryAfter('a|ip', t0 + 10)).toBe(60)
    expect(limiter.retryAfter('b|ip', t0 + 10)).toBe(0)
    expect(limiter.retryAfter('a|ip', t0 + 60_001)).toBe(0)
  })

  it('forgets failures after a successful login', () => {
    const limiter = new LoginRateLimiter(1, 60_000)
    limiter.recordFailure('k')
    expect(limiter.retryAfter('k')).toBeGreaterThan(0)
    limiter.clear('k')
    expect(limiter.retryAfter('k')).toBe(0)
  })
})
