import { diffTextes } from '@paritaire/diff'
import { emptyFiche, emptyTexte, type Texte } from '@paritaire/schema'
import { describe, expect, it } from 'vitest'
import { REPERTOIRE_002, importCorpus } from './corpus.ts'
import { editWords, rng } from './edits.ts'

const para = (text: string) => ({ type: 'paragraph' as const, content: [{ text, marks: [] }] })

function randomWords(count: number, seed: number): string {
  const r = rng(seed)
  return Array.from({ length: count }, () => `m${Math.floor(r() * 1e6).toString(36)}`).join(' ')
}

function texteWith(fiches: { title: string; paragraphs: string[] }[], idPrefix = 'f'): Texte {
  const t = emptyTexte('pathologique')
  t.fiches = fiches.map((f, i) => {
    const fiche = emptyFiche(`${idPrefix}${i}`, f.title)
    fiche.objet.content = f.paragraphs.map(para)
    return fiche
  })
  return t
}

/**
 * The whole diff, whatever the input, stays under a second (the word diffs
 * fall back past their caps). Counted in CPU time of this process, not wall
 * time: on a shared CI machine the scheduler, not the diff, decides the
 * wall clock.
 */
function timed(a: Texte, b: Texte) {
  const start = process.cpuUsage()
  const cs = diffTextes(a, b)
  const used = process.cpuUsage(start)
  return { cs, ms: (used.user + used.system) / 1000 }
}

describe('bounded time', () => {
  it('one huge paragraph heavily edited: replaced whole, quickly', () => {
    const words = randomWords(60_000, 1).split(' ')
    const r = rng(3)
    const edited = words.map((w) => (r() < 0.3 ? `x${w}` : w)).join(' ')
    const { cs, ms } = timed(texteWith([{ title: 'Emploi', paragraphs: [words.join(' ')] }]), texteWith([{ title: 'Emploi', paragraphs: [edited] }]))
    expect(ms).toBeLessThan(1000)
    expect(cs.fallbacks).toBe(1)
    const block = cs.fiches[0]!.sections.find((s) => s.section === 'objet')!.blocks[0]!
    expect(block).toMatchObject({ status: 'modified', replaced: true })
  })

  it('thousands of unrelated fiches on each side', () => {
    const side = (seed: number) =>
      texteWith(Array.from({ length: 3000 }, (_, i) => ({ title: `Emploi ${seed}-${i}`, paragraphs: [randomWords(12, seed * 10_000 + i)] })), `v${seed}-`)
    const { cs, ms } = timed(side(1), side(2))
    expect(ms).toBeLessThan(1000)
    expect(cs.summary).toMatchObject({ added: 3000, removed: 3000, modified: 0 })
  })

  it('thousands of items, every one edited, in one fiche', () => {
    const items = (seed: number) => Array.from({ length: 5000 }, (_, i) => `Activité ${i} ${randomWords(8, seed * 100_000 + i)}`)
    const { cs, ms } = timed(texteWith([{ title: 'Emploi', paragraphs: items(1) }]), texteWith([{ title: 'Emploi', paragraphs: items(2) }]))
    expect(ms).toBeLessThan(1000)
    expect(cs.summary.modified).toBe(1)
  })

  it('the 100 KB directory rewritten from end to end', () => {
    const base = importCorpus(REPERTOIRE_002)
    const { cs, ms } = timed(base, editWords(base, 1, 99))
    expect(ms).toBeLessThan(1000)
    expect(cs.summary.modified).toBe(51)
  })
})
