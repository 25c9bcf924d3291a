import { describe, expect, it } from 'vitest'
import { commonEnds, sideText, wordDiff, type DiffContext } from './word-diff.ts'

const ctx = (over: Partial<DiffContext> = {}): DiffContext => ({
  ignoreTypography: false, maxTokens: 4000, maxEditLength: 1200, deadline: Date.now() + 10_000, fallbacks: 0, ...over,
})

/** CPU time since `start`: the work done, whatever the load of a shared machine. */
const cpuMs = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000
}

describe('wordDiff', () => {
  it('reports a change of duration as one replaced token', () => {
    const r = wordDiff('période maximale de 1 an', 'période maximale de 6 mois', ctx())
    expect(r.segments).toEqual([
      { op: 'equal', text: 'période maximale de ' },
      { op: 'del', text: '1 an' },
      { op: 'ins', text: '6 mois' },
    ])
    expect(r.changed).toBe(true)
  })
  it('rebuilds both sides exactly', () => {
    const a = 'Assure l’accueil de la clientèle en magasin.'
    const b = 'Assure l’accueil et le conseil de la clientèle en boutique.'
    const r = wordDiff(a, b, ctx())
    expect(sideText(r.segments, 'old')).toBe(a)
    expect(sideText(r.segments, 'new')).toBe(b)
  })
  it('tokenises only the changed middle of a long paragraph, with the same result', () => {
    const head = 'Le présent accord annule et remplace l’accord de classification du 9 décembre 2009, '.repeat(20)
    const tail = ' quelle que soit la filière, pour toutes les entreprises de la branche.'.repeat(20)
    const a = `${head}la période maximale de 1 000 heures passe à 1 an${tail}`
    const b = `${head}la période maximale de 2 000 heures passe à 6 mois${tail}`
    const r = wordDiff(a, b, ctx())
    expect(sideText(r.segments, 'old')).toBe(a)
    expect(sideText(r.segments, 'new')).toBe(b)
    expect(r.segments.filter((s) => s.op !== 'equal').map((s) => `${s.op}:${s.text}`)).toEqual(['del:1 000 heures', 'ins:2 000 heures', 'del:1 an', 'ins:6 mois'])
    const ends = commonEnds(a, b)
    // Cut back by a few whole words only.
    expect(ends.prefix).toBeGreaterThan(head.length - 40)
    expect(ends.suffix).toBeGreaterThan(tail.length - 40)
    expect(a.slice(ends.prefix)).toMatch(/^\s/)
    expect(a.slice(0, a.length - ends.suffix)).toMatch(/\S$/)
  })

  it('marks typographic-only differences as minor, or hides them', () => {
    const a = "ETABLISSEMENT de l'accord - fin..."
    const b = 'ÉTABLISSEMENT de l’accord – fin…'
    const shown = wordDiff(a, b, ctx())
    expect(shown.changed).toBe(false)
    expect(shown.minor).toBe(true)
    expect(shown.segments.filter((s) => s.op !== 'equal').every((s) => s.minor)).toBe(true)
    const hidden = wordDiff(a, b, ctx({ ignoreTypography: true }))
    // Hidden, but the old side still reads as the old text was written.
    expect(hidden.segments).toEqual([{ op: 'equal', text: b, old: a }])
    expect(sideText(hidden.segments, 'old')).toBe(a)
    expect(sideText(hidden.segments, 'new')).toBe(b)
  })
  it('draws a typographic change as the character that changed', () => {
    const r = wordDiff("Assure l'accueil des clients.", 'Assure l’accueil des clients.', ctx())
    expect(r.segments).toEqual([
      { op: 'equal', text: 'Assure l' }, { op: 'del', text: "'", minor: true }, { op: 'ins', text: '’', minor: true },
      { op: 'equal', text: 'accueil des clients.' },
    ])
  })
  it('folds extraction noise (split words, hyphenation, a dropped dash) as typography', () => {
    for (const [a, b] of [['travaux etde retouche', 'travaux et de retouche'], ['produits para- photographiques', 'produits para-photographiques'],
      ['Filière – Magasin', 'Filière Magasin']] as const) {
      const r = wordDiff(a, b, ctx())
      expect(r.changed, a).toBe(false)
      expect(r.minor, a).toBe(true)
      const hidden = wordDiff(a, b, ctx({ ignoreTypography: true }))
      expect(hidden.changed || hidden.minor, a).toBe(false)
      expect(sideText(hidden.segments, 'old')).toBe(a)
    }
  })
  it('keeps a comma or a final period as a change of one mark', () => {
    const r = wordDiff('Assure la vente, en magasin', 'Assure la vente en magasin.', ctx({ ignoreTypography: true }))
    expect(r.changed).toBe(true)
    expect(r.segments.filter((s) => s.op !== 'equal').map((s) => [s.op, s.text])).toEqual([['del', ','], ['ins', '.']])
  })
  it('keeps substance visible beside typography', () => {
    const r = wordDiff("l'accord du 9 décembre", 'l’avenant du 9 décembre', ctx({ ignoreTypography: true }))
    expect(r.segments.filter((s) => s.op !== 'equal').map((s) => [s.op, s.text])).toEqual([['del', 'accord'], ['ins', 'avenant']])
  })
  it('falls back to "replaced" past the token cap, quickly', () => {
    const words = (seed: number) => Array.from({ length: 3000 }, (_, i) => `m${(i * seed) % 7919}`).join(' ')
    const c = ctx({ maxTokens: 1000 })
    const start = process.cpuUsage()
    const r = wordDiff(words(3), words(7), c)
    expect(cpuMs(start)).toBeLessThan(200)
    expect(r.replaced).toBe(true)
    expect(c.fallbacks).toBe(1)
    expect(sideText(r.segments, 'new')).toBe(words(7))
  })
  it('falls back past the edit length cap on a pathological pair', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`).join(' ')
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`).join(' ')
    const c = ctx({ maxEditLength: 200 })
    const start = process.cpuUsage()
    const r = wordDiff(a, b, c)
    expect(cpuMs(start)).toBeLessThan(500)
    expect(r.replaced).toBe(true)
    expect(r.segments.map((s) => s.op)).toEqual(['del', 'ins'])
  })
})
