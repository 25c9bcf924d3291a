import { unzipSync, strFromU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { renderDocx, renderInlineHtml, renderTableauDocx, renderTableauHtml, renderText } from './index.ts'
import { diffTextes } from './texte-diff.ts'
import { clone, para, sampleTexte } from './test-fixtures.ts'

function changed() {
  const a = sampleTexte()
  const b = clone(a)
  b.fiches[0]!.classement.periodeMaximale = '6 mois'
  b.fiches[0]!.objet.content = [para('Assure l’accueil et le conseil de la clientèle en magasin.')]
  b.fiches[2]!.denomination.intitule = 'Responsable <script>alert(1)</script> & magasin'
  b.closing = [para("Fait à Saumur, le 11 mars 2024. L'accord")]
  a.closing = [para('Fait à Saumur, le 11 mars 2024. L’accord')]
  return diffTextes(a, b, { olderMeta: { organisation: 'FNP', date: '2024-01-10' }, newerMeta: { organisation: 'CGT', date: '2024-03-11' } })
}

describe('renderInlineHtml', () => {
  const html = renderInlineHtml(changed())
  it('escapes every text', () => {
    expect(html).not.toContain('<script>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; magasin')
  })
  it('uses the stable class names and attributes authors', () => {
    expect(html).toContain('<ins class="pt-ins" title="CGT, 11/03/2024" data-author="CGT"> et le conseil</ins>')
    // A typographic change is drawn as the one character that changed.
    expect(html).toMatch(/L<del class="pt-del pt-minor"[^>]*>’<\/del><ins class="pt-ins pt-minor"[^>]*>&#39;<\/ins>/)
    expect(html).toContain('class="pt-field pt-classement"')
    expect(html).toContain('class="pt-fiche pt-fiche-modified"')
  })
  it('puts the summary first, in French', () => {
    expect(html.indexOf('pt-summary')).toBeLessThan(html.indexOf('pt-fiche'))
    expect(html).toContain('2 fiches modifiées')
    expect(html).toContain('Période maximale')
  })
  it('wraps a whole page with the stylesheet on demand', () => {
    const page = renderInlineHtml(changed(), { document: true })
    expect(page).toMatch(/^<!doctype html><html lang="fr">/)
    expect(page).toContain('.pt-ins {')
  })
})

describe('renderTableauHtml', () => {
  it('shows old and new wording side by side with French headings and a comment column', () => {
    const cs = changed()
    const html = renderTableauHtml(cs, { comments: { f1: 'Accord <CFDT>' } })
    for (const h of ['Rédaction actuelle', 'Rédaction proposée', 'Commentaires', 'Résumé']) expect(html).toContain(h)
    expect(html).toContain('Accord &lt;CFDT&gt;')
    expect(html).toContain('<tr class="pt-classement">')
    // The old column holds the deletion, the new column the insertion.
    const row = html.slice(html.indexOf('<tr class="pt-classement"><th scope="row">Classement'))
    const oldCell = row.slice(row.indexOf('<td class="pt-old">'), row.indexOf('<td class="pt-new">'))
    expect(oldCell).toContain('1 an')
    expect(oldCell).not.toContain('6 mois')
    expect(html).toContain('@media print')
  })

  it('gives a fragment to embed in a page', () => {
    const html = renderTableauHtml(changed(), { fragment: true })
    expect(html).toMatch(/^<div class="pt-redline pt-tableau-page"><section class="pt-summary">/)
    expect(html).not.toContain('<style>')
    expect(html).toContain('<table class="pt-tableau">')
  })
})

describe('renderText', () => {
  it('marks changes for a plain terminal', () => {
    const text = renderText(changed())
    expect(text.startsWith('RÉSUMÉ')).toBe(true)
    expect(text).toContain('Période maximale : [-1 an-]{+6 mois+}')
    expect(text).toContain('Assure l’accueil{+ et le conseil+} de la clientèle')
  })
  it('colours changes with ANSI codes', () => {
    const text = renderText(changed(), { ansi: true })
    expect(text).toContain('\u001b[32;4m6 mois\u001b[0m')
    expect(text).toContain('\u001b[31;9m1 an\u001b[0m')
  })
})

describe('DOCX renderers', () => {
  it('writes real tracked changes authored by the organisation', async () => {
    const bytes = await renderDocx(changed())
    const xml = strFromU8(unzipSync(bytes)['word/document.xml']!)
    expect(xml).toMatch(/<w:ins [^>]*w:author="CGT"[^>]*w:date="2024-03-11T00:00:00Z"/)
    expect(xml).toMatch(/<w:del [^>]*w:author="CGT"/)
    expect(xml).toContain('<w:delText xml:space="preserve">1 an</w:delText>')
    expect(xml).toContain('Résumé')
  })
  it('drops the control characters XML forbids, so Word opens the file', async () => {
    const a = sampleTexte()
    const b = clone(a)
    b.fiches[0]!.objet.content = [para('Assure l’accueil\u0007 de la clientèle\u000b en magasin.')]
    b.fiches[0]!.denomination.intitule = 'Opérateur\u0001 vendeur'
    const cs = diffTextes(a, b)
    for (const bytes of [await renderDocx(cs), await renderTableauDocx(cs, { comments: { f1: 'vu\u0002' } })]) {
      const xml = strFromU8(unzipSync(bytes)['word/document.xml']!)
      expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/)
      expect(xml).toContain('Opérateur vendeur')
    }
  })

  it('dates revisions in ISO form whatever the meta says', async () => {
    const a = sampleTexte()
    const b = clone(a)
    b.fiches[0]!.classement.coefficient = 160
    const at = async (date: string) => {
      const cs = diffTextes(a, b, { newerMeta: { organisation: 'FO', date } })
      return strFromU8(unzipSync(await renderDocx(cs))['word/document.xml']!).match(/w:date="([^"]+)"/)![1]
    }
    expect(await at('2024-03-11T10:15:00.000Z')).toBe('2024-03-11T10:15:00Z')
    expect(await at('hier')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
  })

  it('writes the tableau as a Word table', async () => {
    const bytes = await renderTableauDocx(changed(), { comments: true })
    const xml = strFromU8(unzipSync(bytes)['word/document.xml']!)
    expect(xml).toContain('<w:tbl>')
    for (const h of ['Rédaction actuelle', 'Rédaction proposée', 'Commentaires']) expect(xml).toContain(h)
    expect(xml).not.toContain('<script>')
  })
})
