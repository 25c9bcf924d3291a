/**
 * Shared setup for the thread tests: a world where the editor organisation
 * plays CGT, the commenter CFDT, the chair FNP (employers), plus a second
 * CGT member; and a fiche whose objet says the words the tests comment on.
 */
import { createUser, type AppContext } from '@paritaire/server'
import { emptyFiche, type Fiche } from '@paritaire/schema'
import type { ApiWorld } from '../utils/api-world.ts'
import { ApiClient } from '../utils/http.ts'
import { PASSWORD } from '../utils/seed.ts'

export const OBJET = 'Assurer l’accueil des clients et des fournisseurs sur le site.'
export const OBJET_2 = 'Tenir le standard et l’accueil téléphonique.'

export function ficheWithObjet(): Fiche {
  const f = emptyFiche('placeholder', 'Agent d’accueil')
  f.objet.content = [
    { type: 'paragraph', content: [{ text: OBJET, marks: [] }] },
    { type: 'paragraph', content: [{ text: OBJET_2, marks: [] }] },
  ]
  return f
}

export async function addObjetFiche(w: ApiWorld): Promise<string> {
  const res = await w.as.chair.post(`/api/negotiations/${w.negotiationId}/fiches`, { fiche: ficheWithObjet() })
  if (res.status !== 201) throw new Error(`fiche : ${res.status} ${res.text}`)
  return res.json.fiche.id
}

/** A second person of the editor organisation (« CGT »), logged in. */
export async function secondEditorMember(ctx: AppContext, w: ApiWorld, tag = 'cgt2'): Promise<ApiClient> {
  const email = `${tag}@test.paritaire.fr`
  await createUser(ctx.database.db, { email, name: `Collègue ${tag}`, organisation: w.users.editor.organisation, password: PASSWORD })
  return new ApiClient(w.server.url).login(email, PASSWORD)
}
