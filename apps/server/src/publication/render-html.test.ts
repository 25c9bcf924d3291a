import { emptyFiche, emptyTexte } from '@paritaire/schema'
import { describe, expect, it } from 'vitest'
import { escapeHtml, renderPublicationHtml } from './render-html.ts'

const facts = {
  negotiationTitle: 'Négo <test>', idcc: '3168', versionNumber: 3, versionLabel: 'V3 "finale"', versionId: 'v3',
  publishedAt: new Date('2026-03-11T10:00:00Z'), authorOrganisation: 'FNP',
  signatures: [
    { organisation: 'CGT & co', date: '2026-03-10T09:00:00Z', percent: 25.82, employer: false },
    { organisation: 'FNP', date: '2026-03-10T10:00:00Z', percent: null, employer: true },
  ],
  oppositions: [{ organisation: 'FO', date: '2026-03-12T10:00:00Z', percent: 15.1 }],
  signatoryPercent: 25.82, notifiedAt: '2026-03-11', oppositionDeadline: '2026-03-26',
  seal: { statement: { keyId: 'k1' }, signature: 'c2ln' },
  chainHash: 'abc', otherVersions: [],
}

describe('renderPublicationHtml', () => {
  it('escapes every text coming from the document', () => {
    const fiche = emptyFiche('f1', '<script>alert(1)</script>')
    fiche.objet.content = [{ type: 'paragraph', content: [{ text: 'a < b & "c"', marks: ['bold'] }] }]
    fiche.denomination.filiere = 'Production <img src=x onerror=alert(1)>'
    const texte = { ...emptyTexte('Avenant <b>'), fiches: [fiche] }
    const html = renderPublicationHtml(texte, facts)
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('<strong>a &lt; b &amp; &quot;c&quot;</strong>')
    expect(html).toContain('CGT &amp; co (25,82 %) — signé le 10 mars 2026')
    expect(html).toContain('FNP — organisation d’employeurs, signé le 10 mars 2026')
    expect(html).toContain('FO (15,10 %) — opposition le 12 mars 2026')
    expect(html).toContain('Notifié le 11 mars 2026 ; délai d’opposition jusqu’au 26 mars 2026')
    expect(html).toContain('clé k1) : c2ln')
    expect(html).toContain('V3 &quot;finale&quot;')
    expect(html).toContain('lang="fr"')
  })

  it('renders the six sections under their French labels when they hold something', () => {
    const fiche = emptyFiche('f1', 'Opérateur vendeur')
    fiche.classement.coefficient = 155
    fiche.classement.periodeMaximale = '6 mois'
    const html = renderPublicationHtml({ ...emptyTexte('T'), fiches: [fiche] }, facts)
    expect(html).toContain('<h3>Opérateur vendeur</h3>')
    expect(html).toContain('Classement')
    expect(html).toContain('Coefficient :</span> 155')
    expect(html).toContain('Période maximale :</span> 6 mois')
    expect(escapeHtml(`'`)).toBe('&#39;')
  })
})
