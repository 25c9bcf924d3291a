/**
 * The OpenAPI description of `member.routes.ts` (members managed from the
 * negotiation page), merged into `openapi.ts`'s document: methods added to
 * paths that already exist there, and the new paths.
 */
type Json = Record<string, unknown>

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const param = (name: string, description: string) => ({ name, in: 'path', required: true, schema: { type: 'string' }, description })
const json = (schema: Json, description = 'Succès') => ({ description, content: { 'application/json': { schema } } })
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), { $ref: `#/components/responses/E${c}` }]))
const body = (schema: Json) => ({ required: true, content: { 'application/json': { schema } } })
const obj = (properties: Json, required: string[] = []) => ({ type: 'object', additionalProperties: false, properties, required })
const str = { type: 'string' }
const kind = { enum: ['union', 'employer', 'administration'] }
const id = param('id', 'Identifiant de la négociation')
const organisation = param('organisation', 'Identifiant ou nom de l’organisation membre')

export const memberPaths: Record<string, Record<string, Json>> = {
  '/api/organisations': {
    post: {
      summary: 'Créer une organisation et l’ajouter à une négociation (présidence de cette négociation) ; nom en double : 409 organisation_existe',
      requestBody: body(obj({
        name: { type: 'string', minLength: 1, maxLength: 200 }, kind,
        negotiationId: { type: 'string', description: 'la négociation qu’elle rejoint ; l’appelant doit la présider' },
        role: { allOf: [ref('Role')], description: 'rôle dans la négociation (viewer par défaut)' },
      }, ['name', 'kind', 'negotiationId'])),
      responses: { 201: json(obj({ organisation: ref('Organisation'), member: ref('Member') })), ...errors(400, 401, 403, 404, 409) },
    },
  },
  '/api/negotiations/{id}/members': {
    get: {
      summary: 'Membres avec le nombre de personnes inscrites ; canManage : l’appelant préside ; canEnrol : il peut inscrire des personnes dans cette organisation (la sienne ou une qu’il a créée)',
      parameters: [id],
      responses: {
        200: json(obj({
          canManage: { type: 'boolean' },
          members: { type: 'array', items: obj({ organisation: ref('Organisation'), role: ref('Role'), people: { type: 'integer' }, canEnrol: { type: 'boolean' } }) },
        })),
        ...errors(401, 404),
      },
    },
  },
  '/api/negotiations/{id}/members/{organisation}': {
    patch: {
      summary: 'Changer le rôle d’un membre (présidence) ; la dernière présidence ne peut pas être retirée (409 derniere_presidence) ; un rôle qui ne permet plus d’écrire ferme ses connexions /sync ouvertes (4401 droits_modifies)',
      parameters: [id, organisation],
      requestBody: body(obj({ role: ref('Role') }, ['role'])),
      responses: { 200: json(obj({ member: ref('Member') })), ...errors(400, 401, 403, 404, 409) },
    },
  },
  '/api/negotiations/{id}/members/{organisation}/people': {
    post: {
      summary: 'Inscrire une personne d’une organisation membre, avec un mot de passe initial à lui transmettre (présidence ; seulement dans sa propre organisation ou une organisation qu’elle a créée, sinon 403). La réponse ne contient jamais d’empreinte de mot de passe',
      parameters: [id, organisation],
      requestBody: body(obj({ name: str, email: str, password: { type: 'string', minLength: 8 } }, ['name', 'email', 'password'])),
      responses: { 201: json(obj({ user: obj({ id: str, email: str, name: str, organisation: ref('Organisation') }) })), ...errors(400, 401, 403, 404, 409) },
    },
  },
}

/** Adds `extra`'s methods to `paths`, path by path. */
export function mergePaths(paths: Record<string, Record<string, unknown>>, extra: Record<string, Record<string, unknown>>): void {
  for (const [path, ops] of Object.entries(extra)) paths[path] = { ...paths[path], ...ops }
}
