/**
 * Word files (.docx) built with the `docx` package: read into the text
 * families, tracked changes kept (the text without and with them, each change
 * with its author and date, authors listed for mapping), comments extracted;
 * hostile files (malformed, encrypted, macros, zip bomb) refused in French.
 */
import { strToU8, unzipSync, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { diffTextes } from '@paritaire/diff'
import { DOCX_LIMITS, ImportError, importDocx, importSource, importTexte, texteSchema } from '@paritaire/schema'
import { buildDocx, withEntry, zipBomb } from './docx-builder.ts'
import { CORPUS, readFixture } from './fixtures.ts'

const A0 = readFixture(CORPUS.A0).split('\n')
const C = readFixture(CORPUS.C).split('\n')

function importError(run: () => unknown): ImportError {
  try {
    run()
  } catch (err) {
    if (err instanceof ImportError) return err
    throw err
  }
  throw new Error('no ImportError')
}

describe('a Word file of family A, with tracked changes and a comment', async () => {
  const bytes = await buildDocx(A0, {
    revisions: [
      { find: 'Cadre niveau II', deleted: 'Cadre niveau II', inserted: 'Cadre niveau III', author: 'CFDT Banques', date: '2024-03-01T10:00:00Z' },
      { find: 'Tutorat de jeunes en formation alternée', deleted: null, inserted: ' et des nouveaux embauchés', author: 'Marie Dupont', date: '2024-03-02T09:30:00Z' },
    ],
    comments: [{ find: 'Appui aux membres du service', author: 'Paul Martin (FO)', date: '2024-03-03T08:00:00Z', text: 'À préciser : quels membres ?' }],
  })
  const result = importSource(bytes, { fileName: 'fiche.docx', knownAuthors: ['cfdt banques'] })

  it('is read as the text family it holds', () => {
    expect(result.format).toBe('docx')
    expect(result.family).toBe('A')
    const plain = importTexte(readFixture(CORPUS.A0)).texte
    expect(result.texte.fiches.map((f) => f.denomination.intitule)).toEqual(plain.fiches.map((f) => f.denomination.intitule))
    expect(texteSchema.parse(result.texte)).toEqual(result.texte)
  })

  it('keeps the tracked changes: accepted in the text, the text without them kept, each change with author and date', () => {
    const fiche = result.texte.fiches[0]
    expect(fiche?.classement.niveau).toBe('III')
    expect(result.docx?.original?.fiches[0]?.classement.niveau).toBe('II')
    // In document order: the contenu comes before the classement.
    expect(result.docx?.changes).toEqual([
      { type: 'ins', author: 'Marie Dupont', date: '2024-03-02T09:30:00Z', text: ' et des nouveaux embauchés' },
      { type: 'del', author: 'CFDT Banques', date: '2024-03-01T10:00:00Z', text: 'Cadre niveau II' },
      { type: 'ins', author: 'CFDT Banques', date: '2024-03-01T10:00:00Z', text: 'Cadre niveau III' },
    ])
    expect(JSON.stringify(result.texte)).toContain('Tutorat de jeunes en formation alternée et des nouveaux embauchés')
    expect(JSON.stringify(result.docx?.original)).not.toContain('nouveaux embauchés')
    expect(result.warnings.map((w) => w.code)).toContain('DOCX_TRACKED_CHANGES')
    // The redline between the two texts is the set of revisions.
    const cs = diffTextes(result.docx!.original!, result.texte)
    expect(cs.summary.modified).toBe(1)
    expect(cs.classementChanges.map((c) => [c.field, c.old, c.new])).toContainEqual(['niveau', 'II', 'III'])
  })

  it('lists the authors, and those not yet mapped to an organisation', () => {
    expect(result.docx?.authors).toEqual(['Marie Dupont', 'CFDT Banques', 'Paul Martin (FO)'])
    expect(result.docx?.unknownAuthors).toEqual(['Marie Dupont', 'Paul Martin (FO)'])
    expect(result.notes.join('\n')).toContain('Auteurs à associer à une organisation : Marie Dupont, Paul Martin (FO).')
  })

  it('extracts the comments with author, date and the text they are anchored on', () => {
    expect(result.docx?.comments).toEqual([
      { id: '0', author: 'Paul Martin (FO)', date: expect.stringMatching(/^2024-03-03T08:00:00/u), text: 'À préciser : quels membres ?', anchor: 'Appui aux membres du service' },
    ])
  })
})

describe('a Word file with a table whose merged cells are carried down (family C)', async () => {
  const bytes = await buildDocx(C, { mergeFirstColumn: true })
  const { texte, family, docx } = importSource(bytes, { fileName: 'proposition.docx' })

  it('reads the grid table and the jobs, merged « Employé » cells carried to each level', () => {
    expect(family).toBe('C')
    expect(docx?.original).toBeNull()
    expect(texte.grid.levels.map((l) => [l.niveau, l.categorie])).toEqual([
      ['1', 'Employé'], ['2', 'Employé'], ['3', 'Employé'], ['4', 'Agent de maîtrise'], ['5', 'Agent de maîtrise'], ['6', 'Cadre'],
    ])
    expect(texte.fiches.length).toBe(importTexte(readFixture(CORPUS.C)).texte.fiches.length)
  })
})

describe('hostile Word files are refused with a French message', async () => {
  const good = await buildDocx(['**Titre**', 'Un paragraphe.'])

  it('malformed: truncated archive, a zip that is not Word', () => {
    expect(importError(() => importDocx(good.slice(0, 200))).code).toBe('DOCX_INVALID')
    const notWord = importError(() => importDocx(withEntry(good, 'x.txt', strToU8('x')).slice(0, 30)))
    expect(notWord.message).toMatch(/^Document Word/u)
    const empty = importError(() => importSource(withEntryRemoved(good, 'word/document.xml')))
    expect(empty.code).toBe('DOCX_INVALID')
    expect(empty.message).toContain("pas de corps de texte")
  })

  it('encrypted (an OLE compound file)', () => {
    const ole = new Uint8Array(1024)
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
    const error = importError(() => importSource(ole))
    expect(error.code).toBe('DOCX_ENCRYPTED')
    expect(error.message).toMatch(/protégé par un mot de passe/u)
  })

  it('macro-laden (vbaProject.bin)', () => {
    const error = importError(() => importSource(withEntry(good, 'word/vbaProject.bin', new Uint8Array([1, 2, 3]))))
    expect(error.code).toBe('DOCX_MACROS')
    expect(error.message).toMatch(/contient des macros/u)
  })

  it('a zip bomb: refused from its declared size, before inflating', () => {
    const bomb = zipBomb(DOCX_LIMITS.maxPartBytes / 1048576 + 1)
    expect(bomb.length).toBeLessThan(200_000)
    const error = importError(() => importSource(bomb))
    expect(error.code).toBe('DOCX_TOO_LARGE')
    expect(error.message).toMatch(/^Document Word trop volumineux/u)
  })
})

function withEntryRemoved(docx: Uint8Array, name: string): Uint8Array {
  const files = unzipSync(docx)
  delete files[name]
  return zipSync(files)
}

describe('paritaire import FILE.docx (real process)', async () => {
  const { spawnSync } = await import('node:child_process')
  const { mkdtempSync, writeFileSync } = await import('node:fs')
  const { tmpdir } = await import('node:os')
  const { join } = await import('node:path')
  const root = join(import.meta.dirname, '..', '..')
  const file = join(mkdtempSync(join(tmpdir(), 'paritaire-docx-')), 'fiche.docx')
  writeFileSync(file, await buildDocx(A0, {
    revisions: [{ find: 'Cadre niveau II', deleted: 'Cadre niveau II', inserted: 'Cadre niveau III', author: 'CFDT Banques', date: '2024-03-01T10:00:00Z' }],
  }))
  const run = (...args: string[]) => spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'apps', 'server', 'src', 'cli', 'main.ts'), 'import', file, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 })

  it('prints the text with the changes, or without them with --original, and says what it found', () => {
    const accepted = run()
    expect(accepted.status).toBe(0)
    expect(JSON.parse(accepted.stdout).fiches[0].classement.niveau).toBe('III')
    expect(accepted.stderr).toContain('note : 2 modification(s) suivie(s) de CFDT Banques')
    expect(accepted.stderr).toContain('note : Auteurs à associer à une organisation : CFDT Banques.')
    const original = run('--original')
    expect(original.status).toBe(0)
    expect(JSON.parse(original.stdout).fiches[0].classement.niveau).toBe('II')
  })
})
