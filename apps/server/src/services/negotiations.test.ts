import { describe, expect, it } from 'vitest'
import { slugify } from './negotiations.ts'

describe('slugify', () => {
  it('makes a readable ASCII address from a French title', () => {
    expect(slugify('Classifications — Photographie (IDCC 3168)')).toBe('classifications-photographie-idcc-3168')
    expect(slugify('Accord du 9 décembre 2009 : Œuvres & Métiers')).toBe('accord-du-9-decembre-2009-uvres-metiers')
    expect(slugify('¡¿!!')).toBe('negociation')
    expect(slugify('x'.repeat(100))).toHaveLength(60)
  })
})
