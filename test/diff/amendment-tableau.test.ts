/**
 * The tableau des amendements, pure: editor JSON holding CFDT's and CGT's
 * pending amendments (a replacement in prose, a new activity, a coefficient)
 * read into rows, rendered as HTML (three wordings side by side, escaped)
 * and as a Word document whose revisions are authored by the proposing
 * organisation and dated with the amendment; « accept all » in the amended
 * column gives the amended wording. LibreOffice opens the document; its
 * first page is saved as test/artifacts/docs-amendements.png (copied to
 * docs/images/documents-amendements.png).
 */
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { amendedFiche, renderAmendmentTableauDocx, renderAmendmentTableauHtml, type AmendmentTableau } from '@paritaire/diff'
import { emptyFiche, ficheToEditorJson, type Fiche } from '@paritaire/schema'
import { afterAll, describe, expect, it } from 'vitest'
import { ARTIFACTS_DIR, readZipEntry } from '../utils/browser.ts'
import { resolveRevisions } from '../utils/docx-revisions.ts'

const run = promisify(execFile)
const dir = mkdtempSync(join(tmpdir(), 'paritaire-amendements-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const CFDT = { id: 'c-1', organisationId: 'org-cfdt', organisationName: 'FS CFDT', userId: 'u-1', authorName: 'Karim Benali', createdAt: '2026-03-12T13:05:00.000Z' }
const CGT = { id: 'g-1', organisationId: 'org-cgt', organisationName: 'CGT <& Cie>', userId: 'u-2', authorName: 'Lucie Martin', createdAt: '2026-03-12T13:20:00.000Z' }
const CFDT_COEF = { ...CFDT, id: 'c-2', createdAt: '2026-03-12T13:07:00.000Z' }

function amendedJson(): ReturnType<typeof ficheToEditorJson> {
  const f: Fiche = emptyFiche('f1', 'Opérateur vendeur')
  f.classement.coefficient = 155
  f.objet.content = [{ type: 'paragraph', content: [{ text: 'Période d’essai de 1 an pour les nouveaux.', marks: [] }] }]
  f.contenu.groups = [{ titre: 'Vente', items: [{ content: [{ text: 'Conseiller les clients', marks: [] }], children: [] }] }]
  const json = ficheToEditorJson(f)
  const sections = json.content!
  const objet = sections.find((s) => s.type === 'objet')!
  // CFDT replaces « 1 an » by « 6 mois ».
  objet.content = [{
    type: 'paragraph',
    content: [
      { type: 'text', text: 'Période d’essai de ' },
      { type: 'text', text: '1 an', marks: [{ type: 'deletion', attrs: CFDT }] },
      { type: 'text', text: '6 mois', marks: [{ type: 'insertion', attrs: CFDT }] },
      { type: 'text', text: ' pour les nouveaux.' },
    ],
  }]
  // CGT adds an activity (a whole list item).
  const contenu = sections.find((s) => s.type === 'contenu')!
  const group = contenu.content!.find((n) => n.type === 'contenuGroupe')!
  const list = group.content!.find((n) => n.type === 'bulletList')!
  list.content!.push({ type: 'listItem', marks: [{ type: 'insertion', attrs: CGT }], content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Tenir la caisse' }] }] })
  // CFDT proposes coefficient 160.
  const classement = sections.find((s) => s.type === 'classement')!
  classement.attrs = { ...classement.attrs, proposals: [{ ...CFDT_COEF, field: 'coefficient', value: 160 }] }
  return json
}

const tableau = (): AmendmentTableau => ({
  title: 'Tableau des amendements — Commerce de détail',
  at: '2026-03-12T14:00:00.000Z',
  fiches: [amendedFiche('fiche-1', amendedJson()), amendedFiche('fiche-2', ficheToEditorJson(emptyFiche('f2', 'Sans amendement')))],
})

describe('tableau des amendements (pure)', () => {
  it('reads each amendment from its marks, with its organisation', () => {
    const [f, empty] = tableau().fiches
    expect(empty!.sections).toEqual([])
    expect(f!.heading).toBe('155. Opérateur vendeur')
    expect(f!.amendments.map((a) => a.organisation).sort()).toEqual(['CGT <& Cie>', 'FS CFDT', 'FS CFDT'])
    const objet = f!.sections.find((s) => s.section === 'objet')!
    expect(objet.blocks[0]!.runs).toMatchObject([
      { op: 'equal', text: 'Période d’essai de ' },
      { op: 'del', text: '1 an', by: [{ organisation: 'FS CFDT', date: CFDT.createdAt }] },
      { op: 'ins', text: '6 mois', by: [{ organisation: 'FS CFDT' }] },
      { op: 'equal', text: ' pour les nouveaux.' },
    ])
    const contenu = f!.sections.find((s) => s.section === 'contenu')!
    expect(contenu.blocks).toMatchObject([{ kind: 'item', runs: [{ op: 'ins', text: 'Tenir la caisse', by: [{ organisation: 'CGT <& Cie>' }] }] }])
    expect(f!.sections.find((s) => s.section === 'classement')!.fields).toMatchObject([{ field: 'coefficient', label: 'Coefficient', old: 155, new: 160, by: { organisation: 'FS CFDT' } }])
  })

  it('renders the HTML tableau: current | amended | proposed by, escaped', () => {
    const html = renderAmendmentTableauHtml(tableau())
    expect(html).toContain('<th>Rédaction actuelle</th><th>Rédaction si tous les amendements sont acceptés</th><th>Proposé par</th>')
    expect(html).toMatch(/<td class="pt-old"><p class="pt-block pt-paragraph">Période d’essai de <del class="pt-del"[^>]*data-author="FS CFDT">1 an<\/del> pour les nouveaux\.<\/p><\/td>/)
    expect(html).toMatch(/<td class="pt-new"><p class="pt-block pt-paragraph">Période d’essai de <ins class="pt-ins"[^>]*>6 mois<\/ins> pour les nouveaux\.<\/p><\/td>/)
    expect(html).toContain('<span class="pt-org">FS CFDT</span> — Karim Benali <span class="pt-when">(12/03/2026 14:05)</span>')
    expect(html).toContain('Coefficient : <del class="pt-del">155</del>')
    expect(html).toContain('CGT &lt;&amp; Cie&gt;')
    expect(html).not.toContain('CGT <& Cie>')
    expect(html).toContain('3 amendements en attente sur 1 fiche')
    expect(html).not.toContain('Sans amendement')
  })

  it('renders a Word tableau whose revisions are authored by the proposing organisation and dated', async () => {
    const docx = await renderAmendmentTableauDocx(tableau())
    const xml = readZipEntry(Buffer.from(docx), 'word/document.xml')!
    const authors = [...xml.matchAll(/<w:(ins|del) [^>]*w:author="([^"]*)"[^>]*w:date="([^"]*)"/g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`)
    expect(authors).toContain('del FS CFDT 2026-03-12T13:05:00Z')
    expect(authors).toContain('ins FS CFDT 2026-03-12T13:05:00Z')
    expect(authors).toContain('ins FS CFDT 2026-03-12T13:07:00Z')
    expect(authors).toContain('ins CGT &lt;&amp; Cie&gt; 2026-03-12T13:20:00Z')
    expect(authors.every((a) => !a.includes('Paritaire'))).toBe(true)
    expect(readZipEntry(Buffer.from(docx), 'word/settings.xml')).toContain('w:trackRevisions')
    // Accepting every revision gives the amended wording in the third column; rejecting, the current one.
    const accepted = resolveRevisions(docx, 'accept').body.join('\n')
    expect(accepted).toContain('Période d’essai de 6 mois pour les nouveaux.')
    expect(accepted).toContain('Coefficient : 160')
    expect(accepted).toContain('Tenir la caisse')
    const rejected = resolveRevisions(docx, 'reject').body
    expect(rejected.filter((p) => p === 'Période d’essai de 1 an pour les nouveaux.')).toHaveLength(2)
    expect(rejected).not.toContain('Tenir la caisse')
  })

  it('opens in LibreOffice (first page saved for the docs)', async () => {
    const file = join(dir, 'amendements.docx')
    writeFileSync(file, await renderAmendmentTableauDocx(tableau()))
    await run('soffice', [`-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { timeout: 120_000 })
    const pdf = join(dir, 'amendements.pdf')
    const { stdout } = await run('pdftotext', ['-layout', pdf, '-'])
    expect(stdout).toContain('Tableau des amendements')
    expect(stdout).toContain('Proposé par')
    expect(stdout).toContain('6 mois')
    expect(stdout).toContain('Karim Benali')
    mkdirSync(ARTIFACTS_DIR, { recursive: true })
    const out = join(ARTIFACTS_DIR, 'docs-amendements')
    await run('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, out], { timeout: 60_000 })
    expect(statSync(`${out}.png`).size).toBeGreaterThan(10_000)
  }, 180_000)
})
