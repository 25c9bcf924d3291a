/**
 * Publication: a published version is readable without a session at
 * /p/:slug (the current one) and /p/:slug/:versionId, as printable French
 * HTML with every text escaped, and as JSON; anything not published stays
 * out of reach.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addFiches, addVersion, advance, startApiWorld, type ApiWorld } from '../utils/api-world.ts'
import { databaseTargets } from '../utils/db.ts'

describe.each(databaseTargets())('publication ($name)', (target) => {
  let w: ApiWorld
  let first: any
  let second: any
  let draft: any
  beforeAll(async () => {
    w = await startApiWorld(target)
    const [ficheId] = await addFiches(w, ['<script>alert("x")</script> Opérateur'])
    const fiche = (await w.as.chair.get(`/api/fiches/${ficheId}`)).json.fiche
    await w.as.chair.put(`/api/fiches/${ficheId}`, {
      ...fiche,
      denomination: { ...fiche.denomination, filiere: 'Production & <b>vente</b>' },
      objet: { ...fiche.objet, content: [{ type: 'paragraph', content: [{ text: 'Accueille la clientèle <img src=x onerror=alert(1)>', marks: [] }] }] },
      classement: { ...fiche.classement, coefficient: 155, periodeMaximale: '6 mois' },
    })
    first = await addVersion(w, 'Avenant n° 1')
    await advance(w, first.id, 'published')
    second = await addVersion(w, 'Avenant n° 2')
    await advance(w, second.id, 'published')
    draft = await addVersion(w, 'Brouillon suivant')
  })
  afterAll(async () => { await w?.stop() })

  it('serves the current publication as escaped, printable French HTML to anonymous readers', async () => {
    const res = await w.anonymous.get(`/p/${w.slug}`, { headers: { accept: 'text/html' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    expect(res.text).toContain('<html lang="fr">')
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/)
    expect(res.text).toContain('Avenant n° 2')
    expect(res.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Opérateur')
    expect(res.text).toContain('Production &amp; &lt;b&gt;vente&lt;/b&gt;')
    expect(res.text).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(res.text).not.toMatch(/<script|<img|<b>/)
    expect(res.text).toContain('Période maximale')
    expect(res.text).toContain(second.hash)
    expect(res.text).toContain(`/p/${w.slug}/${first.id}`)
  })

  it('serves JSON on Accept: application/json and ?format=json', async () => {
    for (const res of [
      await w.anonymous.get(`/p/${w.slug}`, { headers: { accept: 'application/json' } }),
      await w.anonymous.get(`/p/${w.slug}?format=json`, { headers: { accept: '*/*' } }),
    ]) {
      expect(res.status).toBe(200)
      expect(res.json.version.id).toBe(second.id)
      expect(res.json.version.status).toBe('published')
      expect(res.json.negotiation).toEqual({ title: expect.any(String), idcc: '3168', slug: w.slug })
      expect(res.json.texte.fiches[0].classement.coefficient).toBe(155)
    }
  })

  it('serves any published version at its stable URL', async () => {
    const res = await w.anonymous.get(`/p/${w.slug}/${first.id}?format=json`)
    expect(res.status).toBe(200)
    expect(res.json.version.label).toBe('Avenant n° 1')
  })

  it('keeps unpublished versions and unknown negotiations out of reach', async () => {
    const hidden = await w.anonymous.get(`/p/${w.slug}/${draft.id}?format=json`)
    expect(hidden.status).toBe(404)
    expect(hidden.json.error.code).toBe('introuvable')
    const html = await w.anonymous.get(`/p/${w.slug}/${draft.id}`, { headers: { accept: 'text/html' } })
    expect(html.status).toBe(404)
    expect(html.text).toContain('pas publiée')
    expect((await w.anonymous.get('/p/n-existe-pas?format=json')).status).toBe(404)
    expect((await w.anonymous.get(`/p/${w.slug}/<script>`, { headers: { accept: 'text/html' } })).text).not.toContain('<script>')
  })
})
