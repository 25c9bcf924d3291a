import { describe, expect, it } from 'vitest'
import { canonicalJson, chainHash, contentHash } from './hash.ts'

describe('canonical hashing', () => {
  it('does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 'é', x: null }] })).toBe('{"a":[{"x":null,"y":"é"}],"b":1}')
    expect(contentHash({ a: 1, b: 2 })).toBe(contentHash({ b: 2, a: 1 }))
  })

  it('changes with the content and chains to the parent', () => {
    const h1 = contentHash({ t: 'un' })
    const h2 = contentHash({ t: 'deux' })
    expect(h1).not.toBe(h2)
    expect(h1).toMatch(/^[0-9a-f]{64}$/)
    const c1 = chainHash(null, h1)
    expect(chainHash(c1, h2)).not.toBe(chainHash(null, h2))
  })
})
