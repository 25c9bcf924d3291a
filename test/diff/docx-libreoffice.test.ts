import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { diffTextes, renderDocx, renderTableauDocx } from '@paritaire/diff'
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, describe, expect, it } from 'vitest'
import { AVENANT_004, importCorpus } from './corpus.ts'

const run = promisify(execFile)
const dir = mkdtempSync(join(tmpdir(), 'paritaire-docx-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Convert with Debian's LibreOffice, headless, with its own profile (no lock shared with other runs). */
async function convert(file: string, to: 'pdf' | 'odt'): Promise<string> {
  await run('soffice', [`-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--headless', '--convert-to', to, '--outdir', dir, file], { timeout: 50_000 })
  return file.replace(/\.docx$/, `.${to}`)
}
const toPdf = (file: string): Promise<string> => convert(file, 'pdf')

function changeSet() {
  const avenant = importCorpus(AVENANT_004)
  const older = structuredClone(avenant)
  for (const f of older.fiches) if (f.classement.periodeMaximale !== null) f.classement.periodeMaximale = '1 an'
  older.fiches[0]!.objet.content = [{ type: 'paragraph', content: [{ text: 'Assure l’accueil des clients en magasin.', marks: [] }] }]
  return diffTextes(older, avenant, {
    olderMeta: { organisation: 'FNP', date: '2009-12-09' },
    newerMeta: { organisation: 'CFDT', date: '2024-03-11' },
    includeUnchanged: true,
  })
}

describe('DOCX with tracked changes', () => {
  it('holds w:ins / w:del authored by the organisation, and opens in LibreOffice', async () => {
    const bytes = await renderDocx(changeSet(), { includeUnchanged: true, title: 'Avenant du 11 mars 2024' })
    const xml = strFromU8(unzipSync(bytes)['word/document.xml']!)
    const ins = xml.match(/<w:ins [^>]*>/g) ?? []
    const del = xml.match(/<w:del [^>]*>/g) ?? []
    expect(ins.length).toBeGreaterThanOrEqual(9)
    expect(del.length).toBeGreaterThanOrEqual(9)
    for (const tag of [...ins, ...del]) {
      expect(tag).toContain('w:author="CFDT"')
      expect(tag).toContain('w:date="2024-03-11T00:00:00Z"')
    }
    expect(xml).toContain('<w:delText xml:space="preserve">1 an</w:delText>')
    // Unchanged fiches are there too: accepting everything gives the whole new text.
    expect(xml).toContain('Cadre de direction multimagasin')

    const file = join(dir, 'redline.docx')
    writeFileSync(file, bytes)
    const pdf = await toPdf(file)
    expect(existsSync(pdf)).toBe(true)
    expect(statSync(pdf).size).toBeGreaterThan(10_000)

    // LibreOffice reads them as revisions to accept or reject, by CFDT.
    const odt = unzipSync(readFileSync(await convert(file, 'odt')))
    const content = strFromU8(odt['content.xml']!)
    expect(content).toContain('<text:tracked-changes')
    expect((content.match(/<text:changed-region/g) ?? []).length).toBeGreaterThanOrEqual(18)
    expect(content).toContain('<dc:creator>CFDT</dc:creator>')
  })

  it('writes the tableau comparatif as a table LibreOffice opens', async () => {
    const bytes = await renderTableauDocx(changeSet(), { comments: true })
    const xml = strFromU8(unzipSync(bytes)['word/document.xml']!)
    expect(xml).toContain('<w:tbl>')
    expect(xml).toContain('Rédaction actuelle')
    expect(xml).toContain('Commentaires')
    const file = join(dir, 'tableau.docx')
    writeFileSync(file, bytes)
    const pdf = await toPdf(file)
    expect(statSync(pdf).size).toBeGreaterThan(5_000)
  })
})
