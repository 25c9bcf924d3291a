/**
 * Hostile updates sent through the stock provider are refused against the
 * whole fiche schema on the scratch copy: 6,000 nested elements, a
 * coefficient the schema forbids (1.5), a NUL in the text. Each socket is
 * closed with 4422 and a French reason naming the field, nothing is stored
 * or relayed, and the branch stays readable and versionable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { databaseTargets } from '../utils/db.ts'
import { connectSync, ficheText, fragmentOf, typeIntoFiche, waitUntil, type SyncClient } from '../utils/sync-clients.ts'
import { startSyncWorld, type SyncWorld } from '../utils/sync-world.ts'

type Poison = (doc: Y.Doc) => void

const section = (doc: Y.Doc, name: string): Y.XmlElement =>
  fragmentOf(doc).toArray().find((n) => n instanceof Y.XmlElement && n.nodeName === name) as Y.XmlElement

const poisons: [string, Poison, RegExp][] = [
  [
    '6 000 éléments imbriqués',
    (doc) => {
      // Built from the top down (each element integrated before the next), as an attacker's client would.
      let parent = section(doc, 'contenu')
      for (let i = 0; i < 6000; i++) {
        const child = new Y.XmlElement('blockquote')
        parent.insert(0, [child])
        parent = child
      }
    },
    /imbrication_excessive/,
  ],
  ['coefficient 1,5', (doc) => section(doc, 'classement').setAttribute('coefficient', 1.5 as never), /fiche_invalide.*oefficient/],
  ['coefficient −7', (doc) => section(doc, 'classement').setAttribute('coefficient', -7 as never), /fiche_invalide/],
  ['critères malformés', (doc) => section(doc, 'classement').setAttribute('criteres', [{ critere: 3, valeur: 'beaucoup' }] as never), /fiche_invalide/],
  ['NUL dans le texte', (doc) => typeIntoFiche(doc, 'a\u0000b'), /caractere_interdit.*Dénomination/],
]

describe.each(databaseTargets())('mises à jour hostiles ($name)', (target) => {
  let w: SyncWorld
  const clients: SyncClient[] = []

  beforeAll(async () => {
    w = await startSyncWorld(target)
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await w?.stop()
  })

  it('refuses each poisoning update, stores nothing of it, and the branch stays versionable', async () => {
    const observer = connectSync(w.server.url, w.ficheId, w.cookie('chair'))
    clients.push(observer)
    await observer.synced
    const clean = ficheText(observer.doc)
    for (const [name, poison, reason] of poisons) {
      const attacker = connectSync(w.server.url, w.ficheId, w.cookie('editor'))
      clients.push(attacker)
      await attacker.synced
      attacker.doc.transact(() => poison(attacker.doc))
      await waitUntil(() => attacker.closes.length > 0, `fermeture après « ${name} »`, 20_000)
      expect(attacker.closes[0]!.code, name).toBe(4422)
      expect(attacker.closes[0]!.reason, name).toMatch(reason)
      attacker.destroy()
    }
    // Nothing was relayed, nothing stored: a fresh reader and the REST API see the clean fiche.
    expect(ficheText(observer.doc)).toBe(clean)
    const fresh = connectSync(w.server.url, w.ficheId, w.cookie('viewer'))
    clients.push(fresh)
    await fresh.synced
    expect(ficheText(fresh.doc)).toBe(clean)
    const read = await w.api.viewer.get(`/api/fiches/${w.ficheId}`)
    expect(read.status).toBe(200)
    const version = await w.api.chair.post(`/api/negotiations/${w.world.negotiationId}/versions`, { label: 'Après les attaques' })
    expect(version.status).toBe(201)
    // An honest edit still goes through.
    typeIntoFiche(observer.doc, ' honnête')
    await waitUntil(() => ficheText(fresh.doc).includes('honnête'), 'édition honnête relayée')
  }, 180_000)
})
