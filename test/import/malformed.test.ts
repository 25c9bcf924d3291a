/**
 * Malformed inputs give documented errors or warnings, never a crash: empty
 * and binary files, unrecognised text, a fiche missing sections, a
 * coefficient that is not a number, a criteria row with four scores; and
 * mangled versions of the real texts still import into valid Textes.
 */
import { describe, expect, it } from 'vitest'
import { decodeSource } from '@paritaire/schema'
import { ImportError, importTexte, texteSchema } from './import-helpers.ts'
import { CORPUS, readFixture } from './fixtures.ts'

function importError(run: () => unknown): ImportError {
  try {
    run()
  } catch (err) {
    if (err instanceof ImportError) return err
    throw err
  }
  throw new Error("l'import aurait dû échouer")
}

describe('unreadable sources are refused with a coded French error', () => {
  it('empty or blank', () => {
    expect(importError(() => importTexte('')).code).toBe('EMPTY_SOURCE')
    const blank = importError(() => importTexte(' \n\t\n\u00A0\n'))
    expect(blank.code).toBe('EMPTY_SOURCE')
    expect(blank.message).toMatch(/vide/u)
  })

  it('binary', () => {
    expect(importError(() => importTexte('PK\u0003\u0004\u0000\u0000mimetype')).code).toBe('BINARY_SOURCE')
    const controls = Array.from({ length: 400 }, (_, i) => String.fromCharCode(1 + (i % 7))).join('') + 'Filière'
    expect(importError(() => importTexte(controls)).code).toBe('BINARY_SOURCE')
    expect(importError(() => decodeSource(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]))).code).toBe('BINARY_SOURCE')
  })

  it('invalid UTF-8 (a Latin-1 file)', () => {
    const latin1 = new Uint8Array([0x46, 0x69, 0x6c, 0x69, 0xe8, 0x72, 0x65, 0x20, 0x61])
    const error = importError(() => decodeSource(latin1))
    expect(error.code).toBe('INVALID_UTF8')
    expect(error.message).toMatch(/UTF-8/u)
  })

  it('text of no known family', () => {
    const error = importError(() => importTexte('Chers collègues,\n\nLa réunion est reportée au 12 juin.\n'))
    expect(error.code).toBe('UNRECOGNISED_FORMAT')
    expect(error.message).toMatch(/--family/u)
  })

  it('an unknown forced family', () => {
    const error = importError(() => importTexte('texte', { family: 'Z' as 'A' }))
    expect(error.code).toBe('INVALID_FAMILY')
  })
})

describe('damaged fiches import with warnings', () => {
  it('a family A fiche missing sections', () => {
    const source = ['## AGENT', '', '### 1/ Dénomination de la qualification :', 'Agent', '', '### 2/ Objet de la qualification :', 'Assure.', '', '### 3/ Contenu de la qualification :', '- Tâche.'].join('\n')
    const { texte, warnings } = importTexte(source, { family: 'A' })
    expect(texte.fiches[0]?.denomination.intitule).toBe('Agent')
    const missing = warnings.filter((w) => w.code === 'SECTION_MISSING').map((w) => w.message)
    expect(missing).toHaveLength(2)
    expect(missing[0]).toContain('« Classement »')
    expect(missing[1]).toContain("« Modes d'accès / Exigences »")
  })

  it('a family B fiche without Exigences nor criteria', () => {
    const source = readFixture(CORPUS.B).replace(/\nExigences\n\nAvoir des connaissances acquises par l'apprentissage\./u, "\nAvoir des connaissances acquises par l'apprentissage.")
    const { texte, warnings } = importTexte(source)
    expect(texte.fiches).toHaveLength(51)
    const missing = warnings.filter((w) => w.code === 'SECTION_MISSING')
    expect(missing).toHaveLength(1)
    expect(missing[0]?.message).toContain('AGENT ADMINISTRATIF')
    expect(missing[0]?.message).toContain('Exigences')
    expect(missing[0]?.line).toBe(91)
    // Its text went with the section before it, nothing is lost.
    expect(JSON.stringify(texte.fiches[0])).toContain("Avoir des connaissances acquises par l'apprentissage.")
  })

  it('a coefficient that is not a number', () => {
    const source = readFixture(CORPUS.D).replace('165. Opérateur vendeur 2e', '16S. Opérateur vendeur 2e')
    const { texte, warnings } = importTexte(source)
    expect(texte.fiches).toHaveLength(114)
    const fiche = texte.fiches[1]
    expect(fiche?.classement.coefficient).toBeNull()
    expect(fiche?.denomination.intitule).toBe('16S. Opérateur vendeur 2e niveau')
    const warning = warnings.find((w) => w.code === 'INVALID_COEFFICIENT')
    expect(warning?.line).toBe(69)
    expect(warning?.message).toContain('« 16S »')
  })

  it('a période maximale that is not a duration stays in the title, with a warning', () => {
    // Found by the CLI benchmark: « 6 moié » made the import throw a raw schema error.
    const source = readFixture(CORPUS.D).replace(/(Attaché commercial débutant \(période maximale de\s+6 )mois\)/u, '$1moié)')
    const { texte, warnings } = importTexte(source)
    expect(texte.fiches).toHaveLength(114)
    const fiche = texte.fiches.find((f) => f.denomination.intitule.startsWith('Attaché commercial débutant'))
    expect(fiche?.classement.periodeMaximale).toBeNull()
    expect(fiche?.denomination.intitule).toMatch(/^Attaché commercial débutant \(période maximale de\s6 moié\)$/u)
    const warning = warnings.find((w) => w.code === 'INVALID_PERIODE')
    expect(warning?.line).toBe(206)
    expect(warning?.message).toContain('« 6 moié »')
    // The readable ones are still read.
    expect(texte.fiches.filter((f) => f.classement.periodeMaximale === '6 mois').length).toBeGreaterThan(0)
  })

  it('a criteria row with four scores', () => {
    const source = readFixture(CORPUS.B).replace('\n\t1\t2\t1\t2\t1\n', '\n\t1\t2\t1\t2\n')
    const { texte, warnings } = importTexte(source)
    const agent = texte.fiches[0]
    expect(agent?.classement.criteres).toEqual([])
    expect(agent?.classement.content.map((b) => (b.type === 'paragraph' ? b.content[0]?.text : ''))).toContain(
      "Connaissances | Latitude d'action | Complexité | Relations | Responsabilités : 1 | 2 | 1 | 2",
    )
    const warning = warnings.find((w) => w.code === 'CRITERIA_ROW_MISMATCH')
    expect(warning?.line).toBe(114)
    expect(warning?.message).toContain('4 notes pour 5 critères')
    expect(texte.fiches[1]?.classement.criteres).toHaveLength(5)
  })

  it('a criteria score that is not a number', () => {
    const source = readFixture(CORPUS.B).replace('\n\t1\t1\t1\t2\t1\n', '\n\t1\tx\t1\t2\t1\n')
    const { texte, warnings } = importTexte(source)
    expect(texte.fiches[1]?.classement.criteres).toEqual([])
    expect(warnings.find((w) => w.code === 'CRITERIA_VALUE_INVALID')?.line).toBe(143)
  })
})

describe('robustness', () => {
  it('Windows line endings give the same text', () => {
    const source = readFixture(CORPUS.D)
    expect(importTexte(source.replace(/\n/g, '\r\n')).texte).toEqual(importTexte(source).texte)
  })

  it('a forced family that finds no fiche is an error (issue 12), in French', () => {
    const error = importError(() => importTexte(readFixture(CORPUS.A0), { family: 'D' }))
    expect(error.code).toBe('NO_FICHE')
    expect(error.message).toMatch(/^Aucune fiche trouvée .* famille D/u)
  })

  it('mangled sources (lines shuffled, cut, blanked) always give valid Textes or an ImportError', () => {
    let seed = 42
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    const families = ['A', 'B', 'C', 'D'] as const
    let imported = 0
    for (const file of Object.values(CORPUS)) {
      const lines = readFixture(file).split('\n')
      for (let round = 0; round < 6; round++) {
        const mangled = lines
          .filter(() => random() > 0.2)
          .map((l) => (random() < 0.05 ? l.slice(0, Math.floor(l.length * random())) : l))
          .sort(() => (random() < 0.1 ? random() - 0.5 : 0))
          .join('\n')
        const family = random() < 0.5 ? families[Math.floor(random() * 4)] : undefined
        try {
          const { texte } = importTexte(mangled, family ? { family } : {})
          expect(texteSchema.safeParse(texte).success).toBe(true)
          imported++
        } catch (err) {
          expect(err).toBeInstanceOf(ImportError)
        }
      }
    }
    expect(imported).toBeGreaterThan(15)
  })
})
