import { describe, expect, it } from 'vitest'
import { diffFiches, diffTextes } from './texte-diff.ts'
import { clone, item, para, renumber, sampleTexte } from './test-fixtures.ts'

describe('diffTextes', () => {
  it('finds no change between a text and itself', () => {
    const t = sampleTexte()
    const cs = diffTextes(t, clone(t))
    expect(cs.identical).toBe(true)
    expect(cs.summary).toEqual({ added: 0, removed: 0, modified: 0, moved: 0, unchanged: 6, typographyOnly: 0 })
    expect(cs.classementChanges).toEqual([])
  })

  it('reports a coefficient change in the fiche and in the summary', () => {
    const a = sampleTexte()
    const b = clone(a)
    b.fiches[2]!.classement.coefficient = 215
    const cs = diffTextes(a, b)
    expect(cs.summary.modified).toBe(1)
    expect(cs.classementChanges).toEqual([{ ficheId: 'f3', intitule: 'Responsable magasin 1er échelon', field: 'coefficient', old: 210, new: 215 }])
    const classement = cs.fiches[2]!.sections.find((s) => s.section === 'classement')!
    expect(classement.fields).toMatchObject([{ field: 'classement.coefficient', old: 210, new: 215 }])
  })

  it('matches imported fiches without ids by filière, title and coefficient', () => {
    const a = sampleTexte()
    const b = clone(a)
    renumber(b, (i) => `import-${i}`)
    b.fiches[0]!.classement.periodeMaximale = '6 mois'
    b.fiches[3]!.classement.periodeMaximale = '6 mois'
    const cs = diffTextes(a, b)
    expect(cs.summary).toEqual({ added: 0, removed: 0, modified: 2, moved: 0, unchanged: 4, typographyOnly: 0 })
    expect(cs.classementChanges.map((c) => [c.intitule, c.field, c.old, c.new])).toEqual([
      ['Opérateur vendeur 1er niveau', 'periodeMaximale', '1 an', '6 mois'],
      ['Assistant 1er niveau', 'periodeMaximale', '1 an', '6 mois'],
    ])
  })

  it('distrusts positional ids: a reordered import yields moves, not rewrites', () => {
    const a = sampleTexte()
    renumber(a, (i) => `fiche-${i}`)
    const b = clone(a)
    const [moved] = b.fiches.splice(0, 1)
    b.fiches.splice(4, 0, moved!)
    renumber(b, (i) => `fiche-${i}`)
    const cs = diffTextes(a, b)
    expect(cs.summary).toEqual({ added: 0, removed: 0, modified: 0, moved: 1, unchanged: 5, typographyOnly: 0 })
    expect(cs.fiches.find((f) => f.moved)!.intitule).toBe('Opérateur vendeur 1er niveau')
  })

  it('sees a retitled fiche with a new coefficient in another filière as modified', () => {
    const a = sampleTexte()
    const b = clone(a)
    renumber(b, (i) => `n${i}`)
    const f = b.fiches[5]!
    f.denomination.intitule = 'Infographiste confirmé'
    f.denomination.filiere = 'Filière photographie professionnelle'
    f.classement.coefficient = 200
    const cs = diffTextes(a, b)
    const change = cs.fiches.find((c) => c.olderId === 'f6')!
    expect(change).toMatchObject({ status: 'modified', moved: true, newerId: 'n5', match: 'similarity' })
    expect(cs.summary).toMatchObject({ added: 0, removed: 0, modified: 1 })
  })

  it('reports fiches really added and removed, removed ones at their old place', () => {
    const a = sampleTexte()
    const b = clone(a)
    b.fiches.splice(1, 1)
    b.fiches.push({ ...clone(a.fiches[0]!), id: 'f9', denomination: { ...a.fiches[0]!.denomination, intitule: 'Retoucheur photo' }, objet: { content: [para('Retouche les images numériques.')], memesFonctionsQue: null }, contenu: { groups: [], content: [] } })
    const cs = diffTextes(a, b)
    expect(cs.summary).toEqual({ added: 1, removed: 1, modified: 0, moved: 0, unchanged: 5, typographyOnly: 0 })
    expect(cs.fiches.map((f) => f.status)).toEqual(['unchanged', 'removed', 'unchanged', 'unchanged', 'unchanged', 'unchanged', 'added'])
    const added = cs.fiches[6]!
    expect(added.sections.find((s) => s.section === 'objet')!.blocks[0]!.segments).toEqual([{ op: 'ins', text: 'Retouche les images numériques.' }])
  })

  it('sees an item moved to another group as a move', () => {
    const a = sampleTexte()
    a.fiches[0]!.contenu.groups.push({ titre: 'B - Activités en appui du responsable', items: [item('Aide à l’inventaire annuel.')] })
    const b = clone(a)
    const g = b.fiches[0]!.contenu.groups
    const [it] = g[0]!.items.splice(0, 1)
    g[1]!.items.push(it!)
    const cs = diffTextes(a, b)
    const contenu = cs.fiches[0]!.sections.find((s) => s.section === 'contenu')!
    const moved = contenu.blocks.filter((bl) => bl.status === 'moved')
    expect(moved).toHaveLength(1)
    expect(moved[0]).toMatchObject({ group: 'B - Activités en appui du responsable', segments: [{ op: 'equal', text: 'Conseille le client et procède aux encaissements.' }] })
    expect(contenu.blocks.filter((bl) => bl.status === 'added' || bl.status === 'removed')).toEqual([])
  })

  it('marks typographic-only edits minor, and drops them with ignoreTypography', () => {
    const a = sampleTexte()
    const b = clone(a)
    b.fiches[0]!.objet.content = [para("Assure l'accueil de la clientèle en\u00a0 magasin.")]
    b.preamble = [para('Cet accord a pour objet de réduire la période maximale pour le coefficient 150 de 1\u00a0an à 6\u00a0mois.')]
    const shown = diffTextes(a, b)
    expect(shown.identical).toBe(false)
    const segs = shown.fiches[0]!.sections.find((s) => s.section === 'objet')!.blocks[0]!.segments
    expect(segs.filter((s) => s.op !== 'equal').every((s) => s.minor)).toBe(true)
    const hidden = diffTextes(a, b, { ignoreTypography: true })
    expect(hidden.identical).toBe(true)
    expect(hidden.summary.modified).toBe(0)
  })

  it('diffs the parts around the fiches and attributes changes to the newer organisation', () => {
    const a = sampleTexte()
    const b = clone(a)
    b.closing = [para('Fait à Paris, le 11 mars 2024.')]
    b.grid.levels = [{ niveau: 'IV', categorie: 'Maîtrise', definition: [para('Travaux qualifiés.')] }]
    const cs = diffTextes(a, b, { newerMeta: { organisation: 'CGT', date: '2024-03-11' } })
    const closing = cs.parts.find((p) => p.part === 'closing')!
    expect(closing.status).toBe('modified')
    expect(closing.blocks[0]).toMatchObject({ author: { organisation: 'CGT', date: '2024-03-11' } })
    expect(closing.blocks[0]!.segments.filter((s) => s.op !== 'equal').map((s) => s.text)).toEqual(['Saumur', 'Paris'])
    expect(cs.parts.find((p) => p.part === 'grid')!.fields).toMatchObject([{ field: 'grid.levels', key: 'IV', old: null }])
  })

  it('follows "mêmes fonctions que" across re-numbered ids', () => {
    const a = sampleTexte()
    const b = clone(a)
    renumber(b, (i) => `x-${a.fiches[i]!.id}`)
    expect(diffTextes(a, b).identical).toBe(true)
    b.fiches[1]!.objet.memesFonctionsQue = 'x-f3'
    const cs = diffTextes(a, b)
    expect(cs.fiches[1]!.sections[1]!.fields).toMatchObject([{ field: 'objet.memesFonctionsQue', old: 'Opérateur vendeur 1er niveau', new: 'Responsable magasin 1er échelon' }])
  })
})

describe('diffFiches', () => {
  it('reports criteria, paliers and links as field changes', () => {
    const a = sampleTexte().fiches[3]!
    const b = clone(a)
    b.classement.criteres[0]!.valeur = 4
    b.classement.paliers = [{ palier: 'confirmé', niveau: 'Employé niveau 3', coefficient: 180 }]
    b.evolution.verticale = [{ label: 'Photographe qualifié', code: null, ficheId: null }]
    b.denomination.appellations = ['Aide-photographe']
    const cs = diffFiches(a, b)
    const fields = cs.fiches[0]!.sections.flatMap((s) => s.fields).map((f) => [f.field, f.key ?? null, f.old, f.new])
    expect(fields).toEqual([
      ['denomination.appellations', null, [], ['Aide-photographe']],
      ['classement.criteres', 'Connaissances', 3, 4],
      ['classement.paliers', 'confirmé', null, { palier: 'confirmé', niveau: 'Employé niveau 3', coefficient: 180 }],
      ['evolution.verticale', 'Photographe qualifié', null, 'Photographe qualifié'],
    ])
    expect(cs.classementChanges.map((c) => c.field)).toEqual(['criteres', 'paliers'])
  })
})
