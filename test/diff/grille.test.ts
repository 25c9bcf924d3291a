import { diffTextes, draftAvenant, grilleRows, renderGrilleSvg, renderText } from '@paritaire/diff'
import type { GridLevel, Texte } from '@paritaire/schema'
import { describe, expect, it } from 'vitest'
import { avenant2024 } from './pairs.ts'

const p = (text: string) => ({ type: 'paragraph' as const, content: [{ text, marks: [] }] })
const level = (niveau: string, coefs: string, salaire: string): GridLevel => ({
  niveau, categorie: 'Employés', definition: [p('Exécute des travaux simples.'), p(`Coefficients : ${coefs}`), p(`Salaire minimum : ${salaire}`)],
})
function withGrid(t: Texte, levels: GridLevel[]): Texte {
  const c = structuredClone(t)
  c.grid.levels = levels
  return c
}

describe('the grid is classement', () => {
  const base = avenant2024()
  const older = withGrid(base, [level('Niveau 1', '140 à 149', '1 800 €'), level('Niveau 2', '150 à 160', '1 850 €')])
  const newer = withGrid(base, [level('Niveau 1', '140 à 149', '1 800 €'), level('Niveau 2', '150 à 165', '1 900 €')])

  it('lists a level\'s coefficient range and minimum salary in « Changements de classement »', () => {
    const cs = diffTextes(older, newer)
    expect(cs.classementChanges).toMatchObject([
      { ficheId: '', niveau: 'Niveau 2', field: 'grille', key: 'coefficients', old: '150 à 160', new: '150 à 165' },
      { niveau: 'Niveau 2', field: 'grille', key: 'salaire minimum', old: '1 850 €', new: '1 900 €' },
    ])
    const text = renderText(cs)
    expect(text).toContain('Niveau 2 — coefficients : [-150 à 160-] → {+150 à 165+}')
    expect(text).not.toContain('Niveau Niveau')
    expect(text).not.toMatch(/CHANGEMENTS DE CLASSEMENT\n\s+Aucun/)
  })

  it('makes a grid article in the avenant', () => {
    const av = draftAvenant(older, newer)
    const texts = av.articles.filter((a) => a.kind === 'grille').map((a) => a.alineas[0]!.text)
    expect(texts).toContain('Dans la grille de classification, au « Niveau 2 », les mots : « 160 » sont remplacés par les mots : « 165 ».')
    expect(av.preambule[0]).toContain('de modifier, dans la grille, les coefficients du Niveau 2')
  })
})

describe('the grid as a picture', () => {
  const newer = avenant2024()
  const older = structuredClone(newer)
  older.fiches[2]!.classement.coefficient = 170
  older.fiches[40]!.classement.coefficient = 240
  older.fiches.splice(7, 1)
  const cs = diffTextes(older, newer)

  it('draws an arrow for each job whose coefficient moved, marks added and removed jobs, escapes every text', () => {
    const rows = grilleRows(newer, older, cs)
    const moved = rows.filter((r) => r.status === 'moved')
    expect(moved.map((r) => [r.old, r.new])).toEqual([[170, newer.fiches[2]!.classement.coefficient], [240, newer.fiches[40]!.classement.coefficient]])
    const svg = renderGrilleSvg(rows, { title: 'Grille 2009 → 2024' })
    expect((svg.match(/marker-end="url\(#arrow\)"/g) ?? []).length).toBe(2)
    expect(svg).toContain(`→ ${newer.fiches[2]!.denomination.intitule}`)
    expect(svg).toContain('170 → 175')
    // One lane per filière.
    expect((svg.match(/<g class="lane"/g) ?? []).length).toBe(new Set(newer.fiches.map((f) => f.denomination.filiere)).size)
    // The fiche missing from the old text is an added job.
    expect(rows.filter((r) => r.status === 'added').map((r) => r.label)).toEqual([newer.fiches[7]!.denomination.intitule])
    expect(svg).toContain(`+ ${newer.fiches[7]!.denomination.intitule}`)
  })

  it('escapes every text', () => {
    const t = structuredClone(newer)
    t.fiches[0]!.denomination.intitule = 'Emploi <script>x</script> & "co"'
    t.fiches[0]!.denomination.filiere = '<b>Filière</b>'
    const svg = renderGrilleSvg(grilleRows(t), { title: '<i>titre</i>' })
    expect(svg).not.toMatch(/<script|<b>|<i>/)
    expect(svg).toContain('Emploi &lt;script&gt;x&lt;/script&gt; &amp; &quot;co&quot;')
  })

  it('shows one version alone, every job at its coefficient', () => {
    const svg = renderGrilleSvg(grilleRows(newer))
    expect((svg.match(/<g class="job job-unchanged"/g) ?? []).length).toBe(newer.fiches.length)
    expect(svg).toContain('114 emplois')
  })
})
