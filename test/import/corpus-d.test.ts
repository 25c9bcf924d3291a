/**
 * Family D on the real avenant of the photography branch (`004_…`): 114
 * coefficient-numbered jobs with their filières, sub-families, périodes
 * maximales and "Mêmes fonctions que précédent" links; preamble, grid notes
 * and closing around them.
 */
import { describe, expect, it } from 'vitest'
import { importTexte, inlineTextOf, type Fiche } from './import-helpers.ts'
import { CORPUS, readFixture } from './fixtures.ts'

const source = readFixture(CORPUS.D)
const { texte, family, warnings } = importTexte(source, { fileName: CORPUS.D })
const byId = new Map(texte.fiches.map((f) => [f.id, f]))
const find = (filiere: string, coefficient: number, intitule: string): Fiche => {
  const fiche = texte.fiches.find(
    (f) => f.denomination.filiere?.startsWith(filiere) && f.classement.coefficient === coefficient && f.denomination.intitule === intitule,
  )
  if (!fiche) throw new Error(`fiche introuvable : ${filiere} ${coefficient} ${intitule}`)
  return fiche
}

describe('family D: avenant du 11 mars 2024 (004_…)', () => {
  it('is detected and carries the title and IDCC', () => {
    expect(family).toBe('D')
    expect(texte.title).toBe('Avenant du 11 mars 2024 à l’accord du 9 décembre 2009 relatif aux classifications des salariés')
    expect(texte.idcc).toBe('3168')
  })

  it('imports exactly 114 jobs, each with a coefficient and a filière, with unique ids', () => {
    expect(texte.fiches).toHaveLength(114)
    expect(new Set(texte.fiches.map((f) => f.id)).size).toBe(114)
    for (const fiche of texte.fiches) {
      expect(fiche.classement.coefficient).toBeGreaterThanOrEqual(150)
      expect(fiche.denomination.filiere).not.toBeNull()
    }
    const source150 = [...source.matchAll(/^\s*(\d{3})\.\s/gmu)].map((m) => Number(m[1]))
    expect(texte.fiches.map((f) => f.classement.coefficient)).toEqual(source150)
  })

  it('groups the jobs by filière in source order', () => {
    const counts = new Map<string, number>()
    for (const f of texte.fiches) counts.set(f.denomination.filiere ?? '', (counts.get(f.denomination.filiere ?? '') ?? 0) + 1)
    expect([...counts]).toEqual([
      ['Magasin (hors prises de vue)', 9],
      ['Photographie professionnelle', 9],
      ['Photographie scolaire, maternité et autres photographies au domicile du client', 4],
      ['Studios hors grand public', 12],
      ['Services généraux', 33],
      ['Internet', 47],
    ])
  })

  it('reads sub-families', () => {
    expect(find('Studios', 250, 'Retoucheur expert').denomination.sousFamille).toBe('Postproduction')
    expect(find('Internet', 150, 'Chargé de clientèle débutant').denomination.sousFamille).toBe('Service client')
    expect(find('Internet', 195, 'Chargé de marketing débutant').denomination.sousFamille).toBe('Marketing')
    expect(find('Magasin', 155, 'Opérateur vendeur 1er niveau').denomination.sousFamille).toBeNull()
  })

  it('parses the période maximale out of the title', () => {
    const vendeur = find('Magasin', 155, 'Opérateur vendeur 1er niveau')
    expect(vendeur.classement.periodeMaximale).toBe('6 mois')
    const withPeriode = texte.fiches.filter((f) => f.classement.periodeMaximale !== null)
    expect(withPeriode.map((f) => f.classement.coefficient)).toEqual([155, 155, 155, 155, 150, 150, 150, 150])
    expect(withPeriode.every((f) => f.classement.periodeMaximale === '6 mois')).toBe(true)
    expect(texte.fiches.every((f) => !f.denomination.intitule.includes('période'))).toBe(true)
  })

  it('puts the first description line in the objet and the others in the contenu', () => {
    const vendeur = find('Magasin', 155, 'Opérateur vendeur 1er niveau')
    expect(vendeur.objet.content.map(inlineTextOf)).toEqual(['Assure l’accueil de la clientèle en magasin.'])
    const items = vendeur.contenu.groups[0]?.items.map((i) => i.content.map((r) => r.text).join('')) ?? []
    expect(items).toHaveLength(5)
    // The ministry name dropped mid-page is gone, the sentence it interrupted is whole.
    expect(items[0]).toBe('Traite sa demande de travaux photos, réalise les tirages photos sur machine automatique et aide les clients pour les travaux photos.')
  })

  it('joins end-of-line hyphenation', () => {
    const vendeur2 = find('Magasin', 165, 'Opérateur vendeur 2e niveau')
    const text = JSON.stringify(vendeur2)
    expect(text).toContain('supervise le bon déroulement du développement photo.')
    expect(JSON.stringify(texte)).not.toMatch(/\p{L}- \p{Ll}/u)
  })

  it('links "Mêmes fonctions que …" to the job it names, keeping the sentence', () => {
    const v2 = find('Magasin', 165, 'Opérateur vendeur 2e niveau')
    expect(inlineTextOf(v2.objet.content[0])).toBe('Mêmes fonctions que précédent.')
    expect(v2.objet.memesFonctionsQue).toBe(find('Magasin', 155, 'Opérateur vendeur 1er niveau').id)
    // "que le commercial 2e niveau" names an earlier job, not the previous one.
    expect(find('Services', 220, 'Responsable commercial').objet.memesFonctionsQue).toBe(find('Services', 205, 'Commercial 2e niveau').id)
    // "que le 320" names a coefficient.
    expect(find('Internet', 370, 'Cadre de la production expert').objet.memesFonctionsQue).toBe(find('Internet', 320, 'Cadre de la production').id)
    const linked = texte.fiches.filter((f) => f.objet.memesFonctionsQue !== null)
    for (const fiche of linked) {
      const target = byId.get(fiche.objet.memesFonctionsQue ?? '')
      expect(target?.denomination.filiere).toBe(fiche.denomination.filiere)
      expect(inlineTextOf(fiche.objet.content[0])).toMatch(/^M[êe]mes? (fonctions?|compétences) que/u)
    }
    const phrases = texte.fiches.filter((f) => /^M[êe]mes? (fonctions?|compétences) que/u.test(inlineTextOf(f.objet.content[0])))
    expect(linked).toHaveLength(phrases.length)
    expect(linked.length).toBe(33)
  })

  it('keeps the parts around the jobs', () => {
    const preamble = texte.preamble.map(inlineTextOf).join('\n')
    expect(preamble).toContain('Cet accord a pour objet de réduire la période maximale pour le coefficient 150 de 1 an à 6 mois quelle que soit la filière.')
    expect(preamble).toContain('FNP ;')
    expect(texte.closing.map(inlineTextOf)).toEqual(['Fait à Saumur, le 11 mars 2024.', '(Suivent les signatures.)'])
    expect(texte.grid.content.map(inlineTextOf).join('\n')).toContain('Il est précisé que les photographes')
    expect(texte.remainder).toEqual([])
  })

  it('reports the page furniture it removed, with line numbers', () => {
    const furniture = warnings.filter((w) => w.code === 'PAGE_FURNITURE').map((w) => w.line)
    expect(furniture).toEqual([1, 3, 55, 56])
    expect(JSON.stringify(texte)).not.toContain('MINISTÈRE')
    expect(JSON.stringify(texte)).not.toContain('Brochure')
  })

  it('is deterministic: the same text gives the same ids and JSON', () => {
    expect(JSON.stringify(importTexte(source).texte)).toBe(JSON.stringify(texte))
  })
})

describe('family D from a Légifrance text with single newlines (issue 12)', () => {
  // Légifrance's text: no blank line between paragraphs.
  const single = readFixture(CORPUS.D).replace(/\n{2,}/g, '\n')
  const { texte } = importTexte(single)

  it('keeps a parenthesised clause with its job, in the classement, apart from « Mêmes fonctions que précédent »', () => {
    const fiche = texte.fiches.find((f) => f.classement.coefficient === 175 && /Photographe qualifié 3e niveau/u.test(f.denomination.intitule))
    expect(fiche).toBeDefined()
    expect(fiche?.classement.content.map(inlineTextOf)).toEqual(['(Un diplôme reconnu par la branche ne pourra être embauché en dessous du coefficient 175.)'])
    expect(fiche?.objet.content.map(inlineTextOf)[0]).toBe('Mêmes fonctions que précédent.')
    expect(fiche?.objet.memesFonctionsQue).not.toBeNull()
  })
})
