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

describe('LoginRateLimiter.reserve', () => {
  it('counts an attempt before it is evaluated, so concurrent ones cannot exceed the limit', () => {
    const limiter = new LoginRateLimiter(10, 60_000)
    const granted = Array.from({ length: 300 }, () => limiter.reserve(['a|ip'], 1000)).filter((r) => r.retryAfter === 0)
    expect(granted).toHaveLength(10)
  })

  it('gives the slot back on success and refuses when any key is at its limit', () => {
    const limiter = new LoginRateLimiter(2, 60_000)
    limiter.reserve(['a|ip', 'spray'], 1000)
    limiter.reserve(['b|ip', 'spray'], 1001).succeeded(['b|ip'])
    expect(limiter.retryAfter('spray', 1002)).toBe(0)
    limiter.reserve(['c|ip', 'spray'], 1003)
    const refused = limiter.reserve(['d|ip', 'spray'], 1004)
    expect(refused.retryAfter).toBe(60)
    // Nothing was counted for the refused attempt.
    expect(limiter.retryAfter('d|ip', 1005)).toBe(0)
  })
})
