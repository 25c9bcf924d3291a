/**
 * Shared discussion threads in the Word redline, pure: each thread becomes
 * a Word comment (replies threaded under it, resolved ones marked), in
 * word/comments.xml with its relationship and content type, anchored at its
 * words in the proposed wording (the range split inside a run) or, when
 * the words are gone, at the fiche's heading with the words quoted.
 * LibreOffice reads the document and its comments (flat ODF export).
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { diffTextes, renderRedlineDocx, type RedlineThread } from '@paritaire/diff'
import { emptyFiche, emptyTexte, type Fiche, type Texte } from '@paritaire/schema'
import { afterAll, describe, expect, it } from 'vitest'
import { readZipEntry } from '../utils/browser.ts'
import { resolveRevisions } from '../utils/docx-revisions.ts'

const run = promisify(execFile)
const dir = mkdtempSync(join(tmpdir(), 'paritaire-comments-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function texte(objet: string, second: string): Texte {
  const t = emptyTexte('Classification')
  const f: Fiche = emptyFiche('k1', 'Agent d’accueil')
  f.objet.content = [{ type: 'paragraph', content: [{ text: objet, marks: [] }] }]
  const g: Fiche = emptyFiche('k2', 'Standardiste')
  g.objet.content = [{ type: 'paragraph', content: [{ text: second, marks: [] }] }]
  t.fiches = [f, g]
  return t
}

const threads: RedlineThread[] = [
  {
    ficheId: 'k1', quote: 'des clients', resolved: false,
    comments: [
      { author: 'Karim Benali', organisation: 'CGT', date: '2026-03-12T13:05:00Z', body: 'Préciser « clients » ?\nEt les visiteurs ?' },
      { author: 'Anne Roux', organisation: 'FNP', date: '2026-03-12T13:09:00Z', body: 'Oui, ajoutons les visiteurs.' },
    ],
  },
  { ficheId: 'k2', quote: 'le standard', resolved: true, comments: [{ author: 'Lucie Martin', organisation: 'FS CFDT', date: '2026-03-12T13:20:00Z', body: 'Mot supprimé <exprès> & assumé.' }] },
]

describe('shared threads as Word comments in the redline', () => {
  const older = texte('Assurer l’accueil des clients sur le site.', 'Tenir le standard téléphonique.')
  const newer = texte('Assurer l’accueil des clients et des visiteurs sur le site.', 'Tenir l’accueil téléphonique.')
  const cs = diffTextes(older, newer, { olderMeta: { organisation: 'FNP', date: '2026-03-01' }, newerMeta: { organisation: 'CGT', date: '2026-03-12' } })

  it('declares the comments with their part, relationship and content type', async () => {
    const docx = Buffer.from(await renderRedlineDocx(cs, older, newer, { threads }))
    const comments = readZipEntry(docx, 'word/comments.xml')!
    expect(comments).toContain('w:author="Karim Benali (CGT)"')
    expect(comments).toContain('w:author="Anne Roux (FNP)"')
    expect(comments).toContain('Préciser « clients » ?')
    expect(comments).toContain('Et les visiteurs ?')
    expect(comments).toContain('Mot supprimé &lt;exprès&gt; &amp; assumé.')
    expect(comments).toContain('Sur les mots « le standard » (absents de la rédaction proposée).')
    expect(comments).toContain('Fil résolu.')
    expect(comments).toMatch(/w:date="2026-03-12T13:05:00/)
    expect(readZipEntry(docx, '[Content_Types].xml')).toContain('/word/comments.xml')
    expect(readZipEntry(docx, 'word/_rels/document.xml.rels')).toMatch(/Target="comments.xml"/)
    // The reply is threaded under the opening comment.
    expect(readZipEntry(docx, 'word/commentsExtended.xml')).toMatch(/w15:paraIdParent=/)

    const xml = readZipEntry(docx, 'word/document.xml')!
    // Comment 0 (and its reply 1) span exactly « des clients », split out of the equal run.
    const range = /<w:commentRangeStart w:id="0"\/><w:commentRangeStart w:id="1"\/>([\s\S]*?)<w:commentRangeEnd w:id="0"\/><w:commentRangeEnd w:id="1"\/>/.exec(xml)
    expect(range).not.toBeNull()
    expect([...range![1]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).toBe('des clients')
    expect(xml).toMatch(/<w:commentReference w:id="0"\/>/)
    expect(xml).toMatch(/<w:commentReference w:id="1"\/>/)
    // The gone words: the comment sits on the second fiche's heading.
    const heading = /<w:commentRangeStart w:id="2"\/>([\s\S]*?)<w:commentRangeEnd w:id="2"\/>/.exec(xml)
    expect([...heading![1]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).toBe('Standardiste')
    // The comments do not change the text: accepting still gives the newer wording.
    expect(resolveRevisions(docx, 'accept').body).toContain('Assurer l’accueil des clients et des visiteurs sur le site.')
    expect(resolveRevisions(docx, 'reject').body).toContain('Tenir le standard téléphonique.')
  })

  it('has no comments part without threads', async () => {
    const docx = Buffer.from(await renderRedlineDocx(cs, older, newer))
    expect(readZipEntry(docx, 'word/comments.xml')).toBeNull()
    expect(readZipEntry(docx, 'word/document.xml')).not.toContain('commentRangeStart')
  })

  it('is read by LibreOffice, comments included', async () => {
    const file = join(dir, 'redline.docx')
    writeFileSync(file, await renderRedlineDocx(cs, older, newer, { threads }))
    const profile = `-env:UserInstallation=file://${join(dir, 'lo-profile')}`
    await run('soffice', [profile, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { timeout: 120_000 })
    const { stdout } = await run('pdftotext', [join(dir, 'redline.pdf'), '-'])
    expect(stdout).toContain('Assurer l’accueil des clients')
    // The comments as LibreOffice reads them: annotations of the flat ODF export, with author and text.
    await run('soffice', [profile, '--headless', '--convert-to', 'fodt', '--outdir', dir, file], { timeout: 120_000 })
    const odf = readFileSync(join(dir, 'redline.fodt'), 'utf8')
    const notes = [...odf.matchAll(/<office:annotation\b[\s\S]*?<\/office:annotation>/g)].map((m) => m[0].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '))
    expect(notes).toHaveLength(3)
    expect(notes.some((n) => n.includes('Karim Benali (CGT)') && n.includes('Préciser « clients » ?'))).toBe(true)
    expect(notes.some((n) => n.includes('Anne Roux (FNP)') && n.includes('Oui, ajoutons les visiteurs.'))).toBe(true)
    expect(notes.some((n) => n.includes('Lucie Martin (FS CFDT)') && n.includes('Fil résolu.'))).toBe(true)
  }, 180_000)
})
