import { avenantToTexte, draftAvenant, renderAvenantDocx, renderAvenantHtml, renderAvenantText } from '@paritaire/diff'
import { validateTexte } from '@paritaire/schema'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { accord2009Edited, avenant2024, retyped2024 } from './pairs.ts'

const options = {
  numero: '3', date: '2024-03-11', accordDate: '2009-12-09', lieu: 'Paris',
  parties: { employeurs: ['FNP', 'FFPMI'], salaries: ['FS CFDT', 'UNSA commerces et services', 'CAT'] },
}

describe('the avenant drafted from the redline (2009 → 2024)', () => {
  const newer = avenant2024()
  const { older } = accord2009Edited()
  const av = draftAvenant(older, newer, options)
  const changes = av.articles.filter((a) => a.kind !== 'final')

  it('has the title, parties, préambule and « Fait à »', () => {
    expect(av.title).toBe("Avenant n° 3 du 11 mars 2024 à l'accord du 9 décembre 2009 relatif aux classifications")
    expect(av.preambule[0]).toMatch(/^Le présent avenant a pour objet de réduire la période maximale des coefficients 150 et 155 de 1 an à 6 mois, de porter le coefficient de la fiche « Adjoint au responsable des ventes » de 200 à 205 et de modifier la rédaction d'une fiche\.$/)
    expect(av.fait).toBe('Fait à Paris, le 11 mars 2024.')
    expect(av.signatures.map((s) => s.organisation)).toEqual(['FNP', 'FFPMI', 'FS CFDT', 'UNSA commerces et services', 'CAT'])
  })

  it('holds one article per change of substance, none for typography', () => {
    const periodes = newer.fiches.filter((f) => f.classement.periodeMaximale === '6 mois').length
    // 8 périodes, 1 coefficient, 1 reworded sentence — the hundreds of apostrophes make none.
    expect(changes).toHaveLength(periodes + 2)
    expect(av.typographyOmitted).toBeGreaterThan(100)
    expect(changes.map((a) => a.alineas[0]!.text)).toContain(
      'À la fiche « Opérateur vendeur 1er niveau » (coefficient 155), les mots : « période maximale de 1 an » sont remplacés par les mots : « période maximale de 6 mois ».')
    expect(changes.map((a) => a.alineas[0]!.text)).toContain(
      'À la fiche « Opérateur vendeur 1er niveau » (coefficient 155), à la rubrique « Objet / Finalité », les mots : « des clients » sont remplacés par les mots : « de la clientèle ».')
    expect(changes.map((a) => a.alineas[0]!.text)).toContain(
      'À la fiche « Adjoint au responsable des ventes » (coefficient 200), le coefficient : « 200 » est remplacé par le coefficient : « 205 ».')
    expect(av.articles.filter((a) => a.kind === 'final').map((a) => a.titre)).toEqual(
      ['Entreprises de moins de 50 salariés', 'Entrée en vigueur', 'Durée', 'Dépôt', "Demande d'extension"])
    expect(av.articles.map((a) => a.numero)).toEqual(av.articles.map((_, i) => i + 1))
  })

  it('makes no article of a typography-only pair', () => {
    const typo = draftAvenant(retyped2024(), newer, options)
    expect(typo.articles.filter((a) => a.kind !== 'final')).toEqual([])
  })

  it('inserts, removes and replaces fiches in the forms of the texts', () => {
    const base = avenant2024()
    const next = structuredClone(base)
    const removed = next.fiches.splice(3, 1)[0]!
    const added = structuredClone(next.fiches[10]!)
    added.id = 'nouvelle-fiche'
    added.denomination.intitule = 'Retoucheur numérique'
    added.classement.coefficient = 185
    added.objet.content = [{ type: 'paragraph', content: [{ text: 'Retouche les images numériques livrées au client.', marks: [] }] }]
    next.fiches.splice(11, 0, added)
    const rewritten = next.fiches[20]!
    rewritten.objet.content = [{ type: 'paragraph', content: [{ text: 'Conçoit entièrement de nouveaux produits multimédias interactifs.', marks: [] }] }]
    rewritten.contenu.groups = []
    rewritten.acces.items = []
    const a = draftAvenant(base, next, { ...options, templates: { extension: '' } })
    const firsts = a.articles.map((x) => x.alineas[0]!.text)
    expect(firsts).toContain(`La fiche « ${removed.denomination.intitule} » (coefficient ${removed.classement.coefficient}) est supprimée.`)
    const insertion = a.articles.find((x) => x.kind === 'insertion')!
    expect(insertion.alineas[0]!.text).toBe(`Après la fiche « ${next.fiches[10]!.denomination.intitule} » (coefficient ${next.fiches[10]!.classement.coefficient}), il est inséré une fiche ainsi rédigée :`)
    expect(insertion.alineas.map((x) => x.text)).toContain('Retouche les images numériques livrées au client.')
    const replacement = a.articles.find((x) => x.kind === 'remplacement')!
    expect(replacement.alineas[0]!.text).toMatch(/^La fiche « .+ » \(coefficient \d+\) est remplacée par les dispositions suivantes :$/)
    expect(a.articles.some((x) => x.titre === "Demande d'extension")).toBe(false)
  })

  it('renders as text, HTML (escaped), Word and a Paritaire text', async () => {
    const text = renderAvenantText(av)
    expect(text).toContain('Il a été convenu ce qui suit :')
    expect(text).toContain('Pour FS CFDT :')
    const html = renderAvenantHtml(draftAvenant(older, newer, { ...options, lieu: '<script>x</script>' }))
    expect(html).not.toContain('<script>x')
    expect(html).toContain('&lt;script&gt;')
    const xml = strFromU8(unzipSync(await renderAvenantDocx(av))['word/document.xml']!)
    expect(xml).toContain('Article 1')
    expect(xml).toContain('période maximale de 6 mois')
    const t = avenantToTexte(av)
    expect(validateTexte(t).ok).toBe(true)
    expect(t.title).toBe(av.title)
  })
})
