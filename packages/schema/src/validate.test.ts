import { describe, expect, it } from 'vitest'
import { emptyFiche, emptyTexte } from './factory.ts'
import { validateFiche, validateTexte } from './validate.ts'
import { fullFiche } from './convert/test-fiches.ts'

describe('validateFiche', () => {
  it('accepts a canonical fiche and returns it unchanged', () => {
    const fiche = fullFiche()
    expect(validateFiche(structuredClone(fiche))).toEqual({ ok: true, value: fiche })
  })

  it('names the fiche, the section and the field of a coefficient that is not a number', () => {
    const fiche: Record<string, any> = fullFiche()
    fiche.classement.coefficient = 'cent cinquante'
    const result = validateFiche(fiche)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues).toHaveLength(1)
    expect(result.issues[0]).toEqual({
      code: 'fiche.classement.coefficient.invalid_type',
      path: ['classement', 'coefficient'],
      message:
        'Fiche « Opérateur vendeur 1er niveau » (f12), section Classement, champ coefficient : un nombre entier positif ou un champ vide est attendu (reçu : « cent cinquante »)',
      ficheId: 'f12',
      section: 'classement',
      field: 'coefficient',
    })
  })

  it('reports every problem, each with its own code', () => {
    const fiche: Record<string, any> = fullFiche()
    fiche.classement.echelon = 2.5
    fiche.classement.criteres[0].valeur = 400
    fiche.objet.content.push({ type: 'titre', content: [] })
    delete fiche.acces
    fiche.couleur = 'rouge'
    const result = validateFiche(fiche)
    expect(result.ok).toBe(false)
    if (result.ok) return
    const byCode = Object.fromEntries(result.issues.map((i) => [i.code, i]))
    expect(Object.keys(byCode).sort()).toEqual([
      'fiche.acces.invalid_type',
      'fiche.classement.criteres.valeur.too_big',
      'fiche.classement.echelon.invalid_type',
      'fiche.objet.content.type.invalid_union',
      'fiche.unrecognized_keys',
    ])
    expect(byCode['fiche.acces.invalid_type']!.message).toBe(
      "Fiche « Opérateur vendeur 1er niveau » (f12) : la section Modes d'accès / Exigences est manquante (les six sections sont obligatoires, même vides)",
    )
    expect(byCode['fiche.acces.invalid_type']!.section).toBe('acces')
    expect(byCode['fiche.classement.criteres.valeur.too_big']!.message).toContain('champ critère n° 1, note : un nombre entier entre 0 et 100 est attendu (reçu : 400)')
    expect(byCode['fiche.classement.criteres.valeur.too_big']!.path).toEqual(['classement', 'criteres', 0, 'valeur'])
    expect(byCode['fiche.unrecognized_keys']!.message).toContain('champ inconnu : couleur')
  })

  it('says where in the prose an invalid run sits', () => {
    const fiche: Record<string, any> = fullFiche()
    fiche.objet.content[1].content[0].text = ''
    fiche.contenu.groups[0].items[1].children[0].content = [{ text: 'x', marks: ['souligné'] }]
    const result = validateFiche(fiche)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues.map((i) => i.message)).toEqual([
      'Fiche « Opérateur vendeur 1er niveau » (f12), section Objet / Finalité, champ texte, bloc n° 2, passage n° 1 : un texte non vide est attendu (reçu : un texte vide)',
      'Fiche « Opérateur vendeur 1er niveau » (f12), section Contenu / Missions / Activités, champ groupe n° 1, élément n° 2, sous-élément n° 1, passage n° 1, mise en forme n° 1 : une de ces valeurs est attendue : bold, italic',
    ])
  })

  it('never throws on values that are not fiches at all', () => {
    for (const value of [null, undefined, 42, 'fiche', [], [1, 2], { id: '' }, new Date()]) {
      const result = validateFiche(value)
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.issues.length).toBeGreaterThan(0)
    }
  })

  it('returns the canonical form of a valid but non-canonical fiche', () => {
    const fiche = emptyFiche('f1', 'Vendeur')
    fiche.objet.content = [
      { type: 'paragraph', content: [{ text: 'Ven', marks: ['italic', 'bold'] }, { text: 'dre', marks: ['bold', 'italic'] }] },
      { type: 'paragraph', content: [] },
      { type: 'bulletList', items: [{ content: [{ text: 'a', marks: [] }], children: [] }] },
      { type: 'bulletList', items: [{ content: [{ text: 'b', marks: [] }], children: [] }] },
    ]
    fiche.denomination.code = ''
    const result = validateFiche(fiche)
    expect(result).toEqual({
      ok: true,
      value: {
        ...fiche,
        denomination: { ...fiche.denomination, code: null },
        objet: {
          memesFonctionsQue: null,
          content: [
            { type: 'paragraph', content: [{ text: 'Vendre', marks: ['bold', 'italic'] }] },
            {
              type: 'bulletList',
              items: [
                { content: [{ text: 'a', marks: [] }], children: [] },
                { content: [{ text: 'b', marks: [] }], children: [] },
              ],
            },
          ],
        },
      },
    })
  })

  it('gives a hard break the marks of the text before it', () => {
    const fiche = emptyFiche('f1')
    fiche.objet.content = [{ type: 'paragraph', content: [{ text: 'a', marks: ['bold'] }, { text: '\n', marks: [] }, { text: 'b', marks: ['bold'] }] }]
    const result = validateFiche(fiche)
    expect(result.ok && result.value.objet.content).toEqual([{ type: 'paragraph', content: [{ text: 'a\nb', marks: ['bold'] }] }])
  })
})

describe('validateTexte', () => {
  it('locates an invalid fiche inside the texte by its id and position', () => {
    const texte: Record<string, any> = emptyTexte('Avenant du 11 mars 2024')
    texte.fiches = [emptyFiche('f1', 'Vendeur'), { ...emptyFiche('f2', 'Opérateur vendeur'), classement: { ...emptyFiche('f2').classement, coefficient: -5 } }]
    const result = validateTexte(texte)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues).toEqual([
      {
        code: 'fiche.classement.coefficient.too_small',
        path: ['fiches', 1, 'classement', 'coefficient'],
        message: 'Fiche « Opérateur vendeur » (f2), section Classement, champ coefficient : un nombre entier positif ou un champ vide est attendu (reçu : -5)',
        ficheId: 'f2',
        section: 'classement',
        field: 'coefficient',
      },
    ])
  })

  it('reports texte-level fields and duplicate fiche ids', () => {
    const bad = validateTexte({ ...emptyTexte('T'), schemaVersion: 2 })
    expect(!bad.ok && bad.issues.map((i) => i.code)).toEqual(['texte.schemaVersion.invalid_value'])
    const dup = validateTexte({ ...emptyTexte('T'), fiches: [emptyFiche('f1', 'A'), emptyFiche('f1', 'B')] })
    expect(!dup.ok && dup.issues.map((i) => [i.code, i.path])).toEqual([['texte.fiches.id.duplicate', ['fiches', 1, 'id']]])
  })

  it('accepts a valid texte', () => {
    const texte = { ...emptyTexte('Accord'), fiches: [fullFiche()] }
    expect(validateTexte(texte)).toEqual({ ok: true, value: texte })
  })
})

/** A list item nested `depth` lists deep. */
function nestedItem(depth: number): unknown {
  let item: unknown = { content: [{ text: 'fond', marks: [] }], children: [] }
  for (let i = 0; i < depth; i++) item = { content: [{ text: `niveau ${i}`, marks: [] }], children: [item] }
  return item
}

describe('storage limits', () => {
  it.each([1_000, 10_000])('refuses list items nested %i deep without overflowing the stack, naming the limit', (depth) => {
    const fiche: Record<string, any> = fullFiche()
    fiche.contenu.groups = [{ titre: null, items: [nestedItem(depth)] }]
    const result = validateFiche(fiche)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues[0]).toMatchObject({ code: 'fiche.contenu.groups.too_deep', section: 'contenu', field: 'groups' })
    expect(result.issues[0]!.message).toMatch(/^Fiche « Opérateur vendeur 1er niveau » \(f12\), section Contenu \/ Missions \/ Activités, champ groups : imbrication trop profonde \(64 niveaux/)
    const texte: Record<string, any> = emptyTexte('T')
    texte.fiches = [fiche]
    const inTexte = validateTexte(texte)
    expect(inTexte.ok).toBe(false)
    if (!inTexte.ok) expect(inTexte.issues[0]!.message).toMatch(/Fiche « Opérateur vendeur 1er niveau ».*imbrication trop profonde/)
  })

  it('accepts lists nested as deep as a real text goes', () => {
    const fiche: Record<string, any> = fullFiche()
    fiche.contenu.groups = [{ titre: null, items: [nestedItem(20)] }]
    expect(validateFiche(fiche).ok).toBe(true)
  })

  it.each([
    ['a NUL character', 'avant\u0000après', 'U+0000'],
    ['a lone high surrogate', 'avant\uD83Daprès', 'U+D83D'],
    ['a lone low surrogate', '\uDE00', 'U+DE00'],
  ])('refuses %s and names the field', (_what, text, code) => {
    const fiche: Record<string, any> = fullFiche()
    fiche.classement.periodeMaximale = text
    const result = validateFiche(fiche)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues[0]).toMatchObject({ code: 'fiche.classement.periodeMaximale.forbidden_character', path: ['classement', 'periodeMaximale'], field: 'periodeMaximale' })
    expect(result.issues[0]!.message).toContain(`section Classement, champ période maximale : caractère interdit ${code}`)
  })

  it('accepts emoji (surrogate pairs) and refuses a NUL in prose or in the texte around the fiches', () => {
    const fiche: Record<string, any> = fullFiche()
    fiche.denomination.intitule = 'Opérateur 📷'
    expect(validateFiche(fiche).ok).toBe(true)
    fiche.contenu.groups = [{ titre: null, items: [{ content: [{ text: 'a\u0000', marks: [] }], children: [] }] }]
    const prose = validateFiche(fiche)
    expect(!prose.ok && prose.issues[0]!.message).toMatch(/section Contenu \/ Missions \/ Activités, champ groupe n° 1, élément n° 1, passage n° 1 : caractère interdit U\+0000/)
    const texte = validateTexte({ ...emptyTexte('Titre\u0000') })
    expect(!texte.ok && texte.issues[0]).toMatchObject({ code: 'texte.title.forbidden_character', field: 'title' })
  })
})
