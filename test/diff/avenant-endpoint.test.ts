/**
 * The documents to sign, through the API, on both databases: the avenant
 * (parties from the negotiation's members) as JSON, text, Word and PDF, the
 * tableau comparatif PDF, the grid SVG, a version as PDF (title page, table
 * of contents, « Page n sur N ») and Word; outsiders get 404; without
 * chromium the PDF routes answer 503 and say how to install it.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addVersion, startApiWorld, type ApiWorld } from '../utils/api-world.ts'
import { databaseTargets } from '../utils/db.ts'
import { closePdfBrowser } from '../../apps/server/src/pdf/index.ts'
import { AVENANT_004, corpusSource } from './corpus.ts'

const textHeaders = { 'content-type': 'text/plain; charset=utf-8', 'x-requested-with': 'test' }
const dir = mkdtempSync(join(tmpdir(), 'paritaire-avenant-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The text of a PDF, soft hyphens removed, and its page count. */
function pdfText(bytes: Uint8Array, name: string): { text: string; pages: number } {
  const file = join(dir, `${name}.pdf`)
  writeFileSync(file, bytes)
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replaceAll('\u00AD', '')
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1])
  return { text, pages }
}

describe.each(databaseTargets())('documents to sign through the API ($name)', (target) => {
  let w: ApiWorld
  let v1: { id: string }
  let v2: { id: string }

  beforeAll(async () => {
    w = await startApiWorld(target)
    const imported = await w.as.editor.request('POST', `/api/negotiations/${w.negotiationId}/import?fileName=004.txt`, { body: corpusSource(AVENANT_004), headers: textHeaders })
    expect(imported.status).toBe(201)
    // v1: the text in force, with the 2009 période of one year for the first fiche.
    const id = imported.json.fiches[0].id
    const fiche = (await w.as.editor.get(`/api/fiches/${id}`)).json.fiche
    fiche.classement.periodeMaximale = '1 an'
    expect((await w.as.editor.put(`/api/fiches/${id}`, fiche)).status).toBe(200)
    v1 = await addVersion(w, 'Accord en vigueur', 'chair')
    fiche.classement.periodeMaximale = '6 mois'
    expect((await w.as.editor.put(`/api/fiches/${id}`, fiche)).status).toBe(200)
    v2 = await addVersion(w, 'Texte convenu', 'chair')
  }, 120_000)
  afterAll(async () => { await w?.stop() })

  it('drafts the avenant with the members as parties', async () => {
    const res = await w.as.viewer.get(`/api/avenant?from=${v1.id}&to=${v2.id}&numero=4&date=2024-03-11&lieu=Paris`)
    expect(res.status).toBe(200)
    const av = res.json
    expect(av.title).toBe("Avenant n° 4 du 11 mars 2024 à l'accord du 9 décembre 2009 relatif aux classifications")
    expect(av.parties).toEqual({ employeurs: [w.users.chair.organisation], salaries: [w.users.editor.organisation, w.users.commenter.organisation] })
    expect(av.preambule[0]).toBe('Le présent avenant a pour objet de réduire la période maximale du coefficient 155 de 1 an à 6 mois.')
    expect(av.articles.filter((a: { kind: string }) => a.kind !== 'final')).toHaveLength(1)
    const text = await w.as.viewer.get(`/api/avenant?from=${v1.id}&to=${v2.id}&format=text`)
    expect(text.text).toContain('Il a été convenu ce qui suit :')
    const texte = await w.as.viewer.get(`/api/avenant?from=${v1.id}&to=${v2.id}&format=texte`)
    expect(texte.json.schemaVersion).toBe(1)
    const docx = await fetch(`${w.server.url}/api/avenant?from=${v1.id}&to=${v2.id}&format=docx`, { headers: { cookie: w.as.viewer.cookieHeader() } })
    expect(docx.headers.get('content-disposition')).toMatch(/attachment; filename="avenant-\d+-\d+\.docx"/)
    expect(strFromU8(unzipSync(new Uint8Array(await docx.arrayBuffer()))['word/document.xml']!)).toContain('période maximale de 6 mois')
  })

  it('makes PDFs: the avenant with its annex, the tableau comparatif, a version with title page and table of contents', async () => {
    const get = async (path: string): Promise<Uint8Array> => {
      const res = await fetch(`${w.server.url}${path}`, { headers: { cookie: w.as.viewer.cookieHeader() } })
      expect(res.status, await res.clone().text().then((t) => t.slice(0, 300))).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/pdf')
      return new Uint8Array(await res.arrayBuffer())
    }
    const avenant = pdfText(await get(`/api/avenant?from=${v1.id}&to=${v2.id}&format=pdf&annexe=1`), `avenant-${target.name}`)
    expect(avenant.text).toContain('Article 1')
    expect(avenant.text).toContain('Tableau comparatif')
    expect(avenant.text).toContain(`Page 1 sur ${avenant.pages}`)
    const tableau = pdfText(await get(`/api/diff?from=${v1.id}&to=${v2.id}&format=pdf`), `tableau-${target.name}`)
    expect(tableau.text).toContain('Rédaction actuelle')
    expect(tableau.text).toContain(`Page 1 sur ${tableau.pages}`)
    const version = pdfText(await get(`/api/versions/${v2.id}/export?format=pdf`), `version-${target.name}`)
    expect(version.pages).toBeGreaterThan(10)
    expect(version.text).toContain('Sommaire')
    expect(version.text).toContain('Filière Magasin (hors prises de vue)')
    expect(version.text).toMatch(/Page 3 sur \d+/)
    expect(version.text).toContain(`Page ${version.pages} sur ${version.pages}`)
    expect(version.text).toContain('IDCC')
    expect(version.text).toContain('v2 — Texte convenu')
  }, 120_000)

  it('draws the grid and exports a version to Word with its fiches as headings', async () => {
    const svg = await fetch(`${w.server.url}/api/diff?from=${v1.id}&to=${v2.id}&format=grille`, { headers: { cookie: w.as.viewer.cookieHeader() } })
    expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/)
    expect(await svg.text()).toContain('<g class="lane"')
    const docx = await fetch(`${w.server.url}/api/versions/${v2.id}/export?format=docx`, { headers: { cookie: w.as.viewer.cookieHeader() } })
    expect(docx.status).toBe(200)
    const xml = strFromU8(unzipSync(new Uint8Array(await docx.arrayBuffer()))['word/document.xml']!)
    expect(xml).toMatch(/<w:pStyle w:val="Heading2"\/>[\s\S]{0,400}155\. Opérateur vendeur 1er niveau \(période maximale de 6 mois\)/)
  })

  it('hides everything from outsiders and refuses bad parameters in French', async () => {
    expect((await w.as.outsider.get(`/api/avenant?from=${v1.id}&to=${v2.id}`)).status).toBe(404)
    expect((await w.as.outsider.get(`/api/versions/${v1.id}/export`)).status).toBe(404)
    expect((await w.anonymous.get(`/api/avenant?from=${v1.id}&to=${v2.id}`)).status).toBe(401)
    const bad = await w.as.viewer.get(`/api/avenant?from=${v1.id}&to=${v2.id}&format=odt`)
    expect(bad.status).toBe(400)
    expect(bad.json.error.message).toContain('Format inconnu')
    const date = await w.as.viewer.get(`/api/avenant?from=${v1.id}&to=${v2.id}&date=hier`)
    expect(date.json.error).toMatchObject({ code: 'parametre_invalide', path: ['date'] })
  })
})

describe('without chromium', () => {
  let w: ApiWorld
  const saved = process.env.CHROMIUM_PATH
  beforeAll(async () => {
    // The server runs in this process and reads CHROMIUM_PATH on each PDF.
    process.env.CHROMIUM_PATH = '/nonexistent/chromium'
    w = await startApiWorld(databaseTargets()[0]!)
  }, 120_000)
  afterAll(async () => {
    if (saved === undefined) delete process.env.CHROMIUM_PATH
    else process.env.CHROMIUM_PATH = saved
    await w?.stop()
    await closePdfBrowser()
  })

  it('answers 503 with how to install it, and everything else works', async () => {
    const v = await addVersion(w, 'Vide', 'chair')
    const pdf = await w.as.viewer.get(`/api/versions/${v.id}/export?format=pdf`)
    expect(pdf.status).toBe(503)
    expect(pdf.json.error.code).toBe('pdf_indisponible')
    expect(pdf.json.error.message).toContain('apt-get install chromium')
    expect((await w.as.viewer.get(`/api/versions/${v.id}/export?format=docx`)).status).toBe(200)
    expect((await w.as.viewer.get(`/api/avenant?from=${v.id}&to=${v.id}&format=text`)).status).toBe(200)
  })
})
