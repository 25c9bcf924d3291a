/**
 * KALI JSON (Légifrance's collective agreements) imported from the three
 * shapes negotiators get: a `@socialgouv/kali-data` convention (extract of
 * IDCC 2216), one section as a file (IDCC 1518's grid), and the Légifrance
 * API's kaliText answer; hostile article HTML never reaches the model.
 */
import { describe, expect, it } from 'vitest'
import { ImportError, importKali, importSource, readHtml, texteSchema, type Texte } from '@paritaire/schema'
import { readFixture } from './fixtures.ts'

const CONVENTION = 'kali/KALICONT000005635085-extrait.json'
const SECTION = 'kali/KALISCTA000005725512-eclat-grille.json'
const API = 'kali/kaliText-KALITEXT000005642662.json'

const json = (name: string): unknown => JSON.parse(readFixture(name))
const allText = (texte: Texte): string => JSON.stringify(texte)

describe('KALI: a whole convention (kali-data shape)', () => {
  const result = importSource(readFixture(CONVENTION))

  it('is detected, finds the classification parts by their titles and says which', () => {
    expect(result.format).toBe('kali')
    expect(result.texte.idcc).toBe('2216')
    expect(result.notes.filter((n) => n.startsWith('Partie lue'))).toEqual([
      'Partie lue : « Titre IV : Classifications des fonctions » (KALISCTA000038371738), trouvée par son titre.',
      'Partie lue : « Classification. - Fonctions repères » (KALISCTA000041516862), trouvée par son titre.',
      'Partie lue : « Classification - Fonctions repères » (KALISCTA000005691961), trouvée par son titre.',
    ])
    // The Titre Ier (champ d'application) is not a classification part.
    expect(allText(result.texte)).not.toContain('Champ d')
    expect(texteSchema.parse(result.texte)).toEqual(result.texte)
  })

  it('reads the fonctions repères tables as fiches with their level, and bold level rows as the grid', () => {
    const fiches = result.texte.fiches
    expect(fiches).toHaveLength(19)
    const manageur = fiches.find((f) => f.denomination.intitule === 'Manageur/Manageuse de rayon 2')
    expect(manageur?.classement.niveau).toBe('6')
    expect(manageur?.objet.content[0]?.type).toBe('paragraph')
    // « Fonctions repères » rows are level definitions, not fiches.
    expect(fiches.some((f) => f.denomination.intitule === 'Fonctions repères')).toBe(false)
    expect(result.texte.grid.levels.map((l) => l.niveau)).toEqual(['6', '5', '9', '8', '7'])
    expect(JSON.stringify(result.texte.grid.levels[0]?.definition)).toContain('Les fonctions de niveau 6 impliquent')
  })

  it('gives each fiche its article cid as identity, and the article id of the version read', () => {
    const ids = result.texte.fiches.map((f) => f.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.every((id) => id.startsWith('KALIARTI000041516878-') || id.startsWith('KALIARTI000005771326-'))).toBe(true)
    const source = result.sources.find((s) => s.ficheId === 'KALIARTI000041516878-secretaire-de-direction')
    expect(source).toEqual({ ficheId: 'KALIARTI000041516878-secretaire-de-direction', cid: 'KALIARTI000041516878', articleId: 'KALIARTI000041517534', num: '9' })
  })

  it('skips an article no longer in force, with a warning', () => {
    expect(result.warnings.map((w) => w.code)).toContain('KALI_NOT_IN_FORCE')
    expect(allText(result.texte)).not.toContain('Ancienne version')
  })

  it('reads the section given with --section, and checks the IDCC', () => {
    const titre = importKali(json(CONVENTION), { section: 'KALISCTA000005690935' })
    expect(titre.texte.fiches).toEqual([])
    expect(allText(titre.texte)).toContain('Champ d')
    expect(titre.notes[0]).toContain('choisie avec --section')
    expect(() => importKali(json(CONVENTION), { section: 'KALISCTA999' })).toThrow(/Aucune section ni article « KALISCTA999 »/u)
    expect(() => importKali(json(CONVENTION), { idcc: '1486' })).toThrow(/IDCC 2216, pas de l'IDCC 1486/u)
    expect(importKali(json(CONVENTION), { idcc: '2216' }).texte.fiches).toHaveLength(19)
  })
})

describe('KALI: one section as a file, and the Légifrance API answer', () => {
  it('reads a Groupe | Coefficient | criteria table as the grid, merged cells carried down', () => {
    const { texte, format } = importSource(readFixture(SECTION))
    expect(format).toBe('kali')
    expect(texte.grid.levels.map((l) => l.niveau).slice(0, 6)).toEqual(['A', 'B', 'C', 'D', 'E', 'F'])
    const b = JSON.stringify(texte.grid.levels[1]?.definition)
    expect(b).toContain('Coefficient : 265')
    // Autonomie spans A and B: carried down into B.
    expect(b).toContain('Autonomie : Les consignes et processus sont mis en œuvre')
  })

  it('reads a kaliText answer (sections / articles arrays) like the kali-data tree', () => {
    const api = importSource(readFixture(API))
    expect(api.format).toBe('kali')
    expect(api.texte.idcc).toBe('2216')
    expect(api.texte.fiches).toHaveLength(9)
    const tree = importKali(json(CONVENTION), { section: 'KALISCTA000041516862' })
    expect(api.texte.fiches.map((f) => f.id)).toEqual(tree.texte.fiches.map((f) => f.id))
  })

  it('refuses a JSON that is not KALI, in French', () => {
    let error: unknown
    try {
      importSource('{"hello": "monde"}')
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(ImportError)
    expect((error as ImportError).message).toMatch(/^Ce JSON n'est pas un texte KALI/u)
    expect(() => importSource('{"data": ')).toThrow(/commence comme du JSON/u)
  })
})

describe('KALI: hostile article HTML', () => {
  const hostile = [
    '<p onclick="alert(1)">Texte <b>gras</b> <script>alert("x")</script>suite</p>',
    '<style>p { color: red }</style><iframe src="https://exemple.invalid/">cadre</iframe>',
    '<p>Avant<object data="x.swf"><param name="a">objet</object> après <unknown-tag data-x="1">inconnu</unknown-tag></p>',
    '<svg><text>dessin</text></svg><table><tr><td rowspan="999999">A</td><td>B<table><tr><td>imbriqué</td></tr></table></td></tr></table>',
    '<p>&lt;script&gt;littéral&lt;/script&gt; &amp; <i>italique</i></p><p>non fermé <b>gras',
  ].join('')

  it('keeps the words and bold/italic only: no script, style, embedded content or markup', () => {
    const blocks = readHtml(hostile)
    const text = JSON.stringify(blocks)
    for (const gone of ['alert', 'color: red', 'cadre', 'objet', 'dessin', 'onclick', 'exemple.invalid', 'data-x']) expect(text).not.toContain(gone)
    for (const kept of ['Texte', 'gras', 'suite', 'Avant', 'après', 'inconnu', 'imbriqué', 'littéral', 'italique', 'non fermé']) expect(text).toContain(kept)
    const table = blocks.find((b) => b.type === 'table')
    expect(table?.type === 'table' && table.rows[0]?.[0]?.rowspan).toBe(200)
  })

  it('imports an article of hostile HTML into a valid Texte whose text holds no markup', () => {
    const value = { type: 'section', data: { cid: 'KALISCTA1', id: 'KALISCTA1', title: 'Classification', etat: 'VIGUEUR' }, children: [
      { type: 'article', data: { cid: 'KALIARTI1', id: 'KALIARTI1', num: '1', etat: 'VIGUEUR', content: hostile } },
    ] }
    const { texte } = importKali(value)
    const text = allText(texte)
    // Escaped text stays text (« &lt;script&gt; » is words of the article); no tag survives.
    expect(text.replace('<script>littéral</script>', '')).not.toMatch(/<[a-z/]|alert|onclick/u)
    expect(text).toContain('<script>littéral</script>')
    expect(texteSchema.parse(texte)).toEqual(texte)
  })
})
