/**
 * The OpenAPI 3.1 description of the HTTP API, written by hand next to the
 * routes and served at `/api/openapi.json`. A test compares it with the
 * routes actually registered, so a route cannot be added without being
 * described here.
 */
import { memberPaths, mergePaths } from './member.openapi.ts'

type Json = Record<string, unknown>

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const idParam = (name = 'id', what = 'Identifiant') => ({ name, in: 'path', required: true, schema: { type: 'string' }, description: what })
const json = (schema: Json, description = 'Succès') => ({ description, content: { 'application/json': { schema } } })
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), { $ref: `#/components/responses/E${c}` }]))
const body = (schema: Json) => ({ required: true, content: { 'application/json': { schema } } })
const obj = (properties: Json, required: string[] = []) => ({ type: 'object', additionalProperties: false, properties, required })
const str = { type: 'string' }
const nullableStr = { type: ['string', 'null'] }

const member = ['401', '404']

function op(summary: string, extra: Json): Json {
  return { summary, ...extra }
}

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Paritaire API',
    version: '0.1.0',
    description: 'API JSON de Paritaire. Erreurs : { error: { code, message, path? } }. Les requêtes qui modifient ' +
      'doivent être en JSON (Content-Type: application/json) ou porter l’en-tête X-Requested-With ; un en-tête Origin, ' +
      's’il est présent, doit être celui du serveur. Voir docs/api.md.',
  },
  components: {
    securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'paritaire_session' } },
    schemas: {
      Error: obj({ error: obj({ code: str, message: str, path: { type: 'array', items: { type: ['string', 'integer'] } }, details: {} }, ['code', 'message']) }, ['error']),
      Organisation: obj({ id: str, name: str, kind: { enum: ['union', 'employer', 'administration'] } }, ['id', 'name', 'kind']),
      Me: obj({ user: obj({ id: str, email: str, name: str }), organisation: ref('Organisation') }, ['user', 'organisation']),
      Role: { enum: ['chair', 'editor', 'commenter', 'viewer'] },
      Negotiation: obj({ id: str, title: str, idcc: nullableStr, slug: str, status: { enum: ['open', 'closed'] }, role: ref('Role'), createdAt: str }),
      Member: obj({ organisation: ref('Organisation'), role: ref('Role') }),
      FicheSummary: obj({
        id: str, key: str, intitule: str, filiere: nullableStr, sousFamille: nullableStr, code: nullableStr,
        coefficient: { type: ['integer', 'null'] }, niveau: nullableStr, position: { type: 'integer' }, proposalId: nullableStr,
      }),
      Fiche: { type: 'object', description: 'Fiche canonique (@paritaire/schema, ficheSchema) : six sections.' },
      Texte: { type: 'object', description: 'Texte canonique (@paritaire/schema, texteSchema).' },
      Version: obj({
        id: str, negotiationId: str, proposalId: nullableStr, number: { type: 'integer' }, label: str,
        status: { enum: ['draft', 'proposal', 'agreed', 'signed', 'published'] }, organisation: ref('Organisation'),
        author: obj({ id: str, name: str }), createdAt: str, publishedAt: nullableStr, parentId: nullableStr,
        hash: { type: 'string', description: 'Empreinte chaînée SHA-256' }, contentHash: str,
        signatures: { type: 'array', items: obj({ organisation: ref('Organisation'), signedAt: str, user: obj({ name: str }) }) },
      }),
      AmendmentDeciders: { enum: ['chair', 'chair_and_editors'], description: 'chair : la présidence seule (défaut) ; chair_and_editors : présidence et rédaction' },
      Amendment: obj({
        id: str, kind: { enum: ['insertion', 'deletion', 'replacement', 'field'] }, section: str, inserted: str, deleted: str,
        field: nullableStr, oldValue: {}, newValue: {}, organisationId: str, organisationName: str, userId: str, authorName: str, createdAt: str,
      }),
      AmendmentDecision: obj({ ids: { type: 'array', items: str, description: 'identifiants d’amendements' }, organisation: { type: 'string', description: 'identifiant de l’organisation qui propose' } }),
      AmendmentDecisionResult: obj({ decision: { enum: ['accept', 'reject', 'withdraw'] }, decided: { type: 'array', items: ref('Amendment') }, amendments: { type: 'array', items: ref('Amendment') } }),
      Proposal: obj({ id: str, negotiationId: str, label: str, organisation: ref('Organisation'), baseVersionId: nullableStr, baseVersionNumber: { type: ['integer', 'null'] }, createdAt: str }),
      ChainCheck: obj({ ok: { type: 'boolean' }, brokenAt: nullableStr, versions: { type: 'array', items: obj({ id: str, number: { type: 'integer' }, ok: { type: 'boolean' }, problem: str }) }, ledger: obj({ ok: { type: 'boolean' }, events: { type: 'integer' }, head: { type: ['object', 'null'] }, problems: { type: 'array', items: str } }) }),
      Validity: obj({
        versionId: str, signatoryPercent: { type: 'number' }, opposingPercent: { type: 'number' }, employerSigned: { type: 'boolean' },
        notifiedAt: nullableStr, oppositionDeadline: nullableStr, state: { enum: ['en_signature', 'en_opposition', 'valide', 'non_valide'] },
        publishable: { type: 'boolean' }, reasons: { type: 'array', items: str }, open: { type: 'boolean' }, notifiedBy: nullableStr,
        organisations: { type: 'array', items: obj({ organisation: ref('Organisation'), percent: { type: ['number', 'null'] }, state: { enum: ['signe', 'non_signe', 'opposition'] }, signedAt: nullableStr, signedBy: nullableStr, opposedAt: nullableStr, motif: nullableStr }) },
      }),
      Lock: obj({ key: str, ficheId: nullableStr, reason: { enum: ['accord', 'signature'] }, organisation: str, user: str, at: str }),
      Representativite: obj({
        weights: { type: 'array', items: obj({ organisation: ref('Organisation'), percent: { type: 'number' } }) }, totalPercent: { type: 'number' },
        source: nullableStr, updatedAt: nullableStr, updatedBy: nullableStr, employers: { type: 'array', items: ref('Organisation') }, editable: { type: 'boolean' },
      }),
      Comment: obj({ id: str, author: obj({ id: str, name: str }), organisation: obj({ id: str, name: str }), body: str, createdAt: str, editedAt: nullableStr, deleted: { type: 'boolean' } }),
      Thread: obj({
        id: str, ficheId: str, visibility: { enum: ['negotiation', 'organisation'] }, organisation: obj({ id: str, name: str }), author: obj({ id: str, name: str }),
        section: nullableStr, anchor: obj({ start: str, end: str }), quote: str,
        anchorStatus: { enum: ['ok', 'deleted'], description: 'deleted : les mots commentés ont disparu de la fiche (« texte supprimé »)' },
        currentText: str, resolved: { type: 'boolean' }, resolvedAt: nullableStr, resolvedBy: nullableStr, createdAt: str, updatedAt: str,
        comments: { type: 'array', items: ref('Comment') },
      }),
      ThreadAnchor: { oneOf: [
        obj({ start: { type: 'string', description: 'Y.RelativePosition encodée (base64)' }, end: str }, ['start', 'end']),
        obj({ type: { const: 'TextQuoteSelector' }, section: { enum: ['denomination', 'objet', 'contenu', 'classement', 'acces', 'evolution'] }, exact: str, prefix: str, suffix: str }, ['section', 'exact']),
      ], description: 'Ancre de l’éditeur (positions relatives Yjs) ou TextQuoteSelector W3C résolu par le serveur (422 si le passage est absent ou ambigu)' },
      ImportResult: obj({
        family: nullableStr, created: { type: 'integer' }, fiches: { type: 'array', items: ref('FicheSummary') },
        warnings: { type: 'array', items: obj({ code: str, message: str, line: { type: 'integer' }, text: str }) },
      }),
    },
    responses: Object.fromEntries([
      [400, 'Requête invalide (JSON mal formé, champ inconnu, mauvais type)'], [401, 'Connexion requise'],
      [403, 'Rôle insuffisant, ou requête refusée par la protection CSRF'], [404, 'Introuvable ; un non-membre reçoit exactement la même réponse pour un identifiant existant (version, fiche, négociation) que pour un identifiant inconnu'],
      [409, 'Conflit (état incompatible, doublon)'], [413, 'Corps trop volumineux'], [415, 'Type de contenu non JSON'],
      [422, 'Contenu invalide (fiche ou texte), avec le chemin fautif ; la fiche et le champ sont nommés (imbrication trop profonde, caractère interdit, valeur hors schéma)'], [429, 'Trop de tentatives de connexion'], [503, 'Service indisponible sur ce serveur (PDF sans chromium), avec la marche à suivre'],
    ].map(([code, description]) => [`E${code}`, json(ref('Error'), String(description))])),
  },
  security: [{ session: [] }],
  paths: {
    '/api/health': { get: op('État du serveur et base utilisée ; en démonstration, demo: true, et les identifiants de démonstration (demoLogins) pour un appelant local (boucle locale) seulement', { security: [], responses: { 200: json(obj({ status: str, db: { enum: ['pglite', 'postgres'] }, demo: { type: 'boolean' }, demoLogins: { type: 'array', items: obj({ email: str, password: str, organisation: str, name: str, role: str }) } }, ['status', 'db'])) } }) },
    '/api/openapi.json': { get: op('Ce document', { security: [], responses: { 200: json({ type: 'object' }) } }) },
    '/api/auth/login': { post: op('Connexion (cookie de session httpOnly, SameSite=Lax). Chaque tentative compte avant la vérification du mot de passe : au plus LOGIN_MAX_ATTEMPTS échecs par (adresse électronique, adresse du client) et par (mot de passe, adresse du client), sinon 429 trop_de_tentatives avec Retry-After', { security: [], requestBody: body(obj({ email: str, password: str }, ['email', 'password'])), responses: { 200: json(ref('Me')), ...errors(400, 401, 429) } }) },
    '/api/auth/logout': { post: op('Déconnexion ; les connexions /sync ouvertes par cette session sont fermées (4401 session_terminee)', { responses: { 204: { description: 'Session close' } } }) },
    '/api/me': { get: op('Utilisateur connecté et son organisation', { responses: { 200: json(ref('Me')), ...errors(401) } }) },
    '/api/organisations': { get: op('Organisations de l’instance (pour ajouter un membre)', { responses: { 200: json(obj({ organisations: { type: 'array', items: ref('Organisation') } })), ...errors(401) } }) },
    '/api/negotiations': {
      get: op('Négociations dont l’organisation est membre', { responses: { 200: json(obj({ negotiations: { type: 'array', items: ref('Negotiation') } })), ...errors(401) } }),
      post: op('Créer une négociation (l’organisation créatrice la préside ; une administration n’en ouvre pas : 403)', { requestBody: body(obj({ title: str, idcc: nullableStr }, ['title'])), responses: { 201: json(obj({ negotiation: ref('Negotiation') })), ...errors(400, 401, 403) } }),
    },
    '/api/negotiations/{id}': { get: op('Détail d’une négociation et ses membres', { parameters: [idParam()], responses: { 200: json(obj({ negotiation: { allOf: [ref('Negotiation'), obj({ members: { type: 'array', items: ref('Member') }, concludedAt: nullableStr })] } })), ...errors(...member.map(Number)) } }) },
    '/api/negotiations/{id}/members/{organisation}': { delete: op('Retirer une organisation de la négociation (présidence ; pas elle-même) ; ses connexions /sync ouvertes sont fermées (4401 acces_retire)', { parameters: [idParam(), idParam('organisation', 'Identifiant ou nom de l’organisation')], responses: { 204: { description: 'Retirée' }, ...errors(401, 403, 404, 409) } }) },
    '/api/negotiations/{id}/members': { post: op('Ajouter une organisation ou changer son rôle (présidence) ; un rôle qui ne permet plus d’écrire ferme ses connexions /sync ouvertes (4401 droits_modifies)', { parameters: [idParam()], requestBody: body(obj({ organisation: { type: 'string', description: 'nom ou identifiant' }, role: ref('Role') }, ['organisation', 'role'])), responses: { 201: json(obj({ member: ref('Member') })), ...errors(400, 401, 403, 404, 409) } }) },
    '/api/negotiations/{id}/audit': { get: op('Journal d’audit de la négociation (ajout seul), du plus ancien au plus récent', { parameters: [idParam()], responses: { 200: json(obj({ events: { type: 'array', items: obj({ id: str, at: str, action: str, targetType: nullableStr, targetId: nullableStr, details: { type: 'object' }, user: nullableStr, organisation: nullableStr }) } })), ...errors(401, 404) } }) },
    '/api/negotiations/{id}/import': { post: op('Importer un texte source (texte du corpus, JSON KALI, document Word .docx) : ajouté à la suite des fiches existantes, ou remplaçant celles de même identité (mode=replace)', {
      parameters: [idParam(), { name: 'family', in: 'query', schema: { enum: ['A', 'B', 'C', 'D', 'E'] } }, { name: 'fileName', in: 'query', schema: str }, { name: 'proposal', in: 'query', schema: str }, { name: 'mode', in: 'query', schema: { enum: ['append', 'replace'] } }, { name: 'section', in: 'query', schema: str, description: 'KALI : CID de la partie à lire' }, { name: 'idcc', in: 'query', schema: str }, { name: 'preview', in: 'query', schema: { enum: ['true', '1'] }, description: 'Lire et rendre compte sans rien enregistrer (auteurs Word et organisation reconnue)' }, { name: 'authors', in: 'query', schema: str, description: 'JSON { "auteur Word": "identifiant ou nom d’organisation" } : les modifications suivies deviennent des amendements de ces organisations' }],
      requestBody: { required: true, content: { 'text/plain': { schema: str }, 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
      responses: { 200: json(ref('ImportResult')), 201: json(ref('ImportResult')), ...errors(400, 401, 403, 404, 409, 413, 422) },
    }) },
    '/api/negotiations/{id}/fiches': {
      get: op('Fiches du brouillon principal (ou d’une proposition avec ?proposal=)', { parameters: [idParam(), { name: 'proposal', in: 'query', schema: str }], responses: { 200: json(obj({ fiches: { type: 'array', items: ref('FicheSummary') } })), ...errors(401, 404) } }),
      post: op('Créer une fiche (vide avec un intitulé, ou à partir d’une fiche canonique)', { parameters: [idParam()], requestBody: body(obj({ intitule: str, fiche: ref('Fiche'), proposalId: nullableStr })), responses: { 201: json(obj({ fiche: ref('FicheSummary') })), ...errors(400, 401, 403, 404, 422) } }),
    },
    '/api/negotiations/{id}/texte': { put: op('Remplacer les parties du texte autour des fiches (titre, IDCC, préambule, grille, clôture, reste) ; validé (422)', { parameters: [idParam(), { name: 'proposal', in: 'query', schema: str }], requestBody: body(ref('Texte')), responses: { 200: json(obj({ texte: ref('Texte') })), ...errors(400, 401, 403, 404, 422) } }), get: op('Le texte vivant d’une branche (fiches identifiées par leur clé) et la table clé → id de fiche', { parameters: [idParam(), { name: 'proposal', in: 'query', schema: str }], responses: { 200: json(obj({ texte: ref('Texte'), ficheIds: { type: 'object', additionalProperties: str } })), ...errors(401, 404) } }) },
    '/api/negotiations/{id}/search': { get: op('Recherche plein texte en français (racines, accents et casse ignorés, « expression exacte » entre guillemets, orthographe approchante à défaut) dans le texte vivant, une version ou toutes', {
      parameters: [idParam(), { name: 'q', in: 'query', required: true, schema: { type: 'string', maxLength: 200 } }, { name: 'version', in: 'query', schema: str, description: 'Identifiant de version, ou all pour toutes les versions' }, { name: 'proposal', in: 'query', schema: str }],
      responses: { 200: json(obj({ query: str, mode: { enum: ['texte', 'approchant'] }, scope: { enum: ['live', 'version', 'versions'] }, hits: { type: 'array', items: obj({
        ficheId: nullableStr, ficheKey: str, intitule: str, section: str, sectionLabel: str, extract: { type: 'string', description: 'Extrait HTML échappé, correspondances entre <mark>' }, rank: { type: 'number' },
        versions: obj({ first: obj({ id: str, number: { type: 'integer' } }), last: obj({ id: str, number: { type: 'integer' } }), count: { type: 'integer' } }),
      }) } })), ...errors(401, 404, 422) },
    }) },
    '/api/fiches/{id}': {
      get: op('Lire une fiche', { parameters: [idParam()], responses: { 200: json(obj({ fiche: ref('Fiche'), negotiationId: str, proposalId: nullableStr, role: ref('Role') })), ...errors(401, 404) } }),
      put: op('Remplacer le contenu d’une fiche (validé : 422 avec le chemin fautif ; aussi pour une imbrication de plus de 64 niveaux ou un caractère que la base ne peut pas enregistrer — caractère nul, demi-caractère Unicode isolé)', { parameters: [idParam()], requestBody: body(ref('Fiche')), responses: { 200: json(obj({ fiche: ref('Fiche') })), ...errors(400, 401, 403, 404, 422) } }),
      delete: op('Supprimer une fiche ; ses connexions /sync ouvertes sont fermées (4410 « Cette fiche a été supprimée par … »)', { parameters: [idParam()], responses: { 204: { description: 'Supprimée' }, ...errors(401, 403, 404) } }),
    },
    '/api/fiches/{id}/amendments': { get: op('Amendements en attente de la fiche (texte et champs du classement), décisions passées, et si l’appelant peut décider', { parameters: [idParam()], responses: { 200: json(obj({ amendments: { type: 'array', items: ref('Amendment') }, decisions: { type: 'array', items: { type: 'object' } }, deciders: ref('AmendmentDeciders'), canDecide: { type: 'boolean' }, canPropose: { type: 'boolean' } })), ...errors(401, 404) } }) },
    '/api/fiches/{id}/amendments/accept': { post: op('Accepter des amendements (par identifiants, par organisation, ou tous) ; réservé à qui décide ; chaque décision est auditée', { parameters: [idParam()], requestBody: body(ref('AmendmentDecision')), responses: { 200: json(ref('AmendmentDecisionResult')), ...errors(400, 401, 403, 404, 422) } }) },
    '/api/fiches/{id}/amendments/reject': { post: op('Rejeter des amendements (par identifiants, par organisation, ou tous) ; réservé à qui décide ; audité', { parameters: [idParam()], requestBody: body(ref('AmendmentDecision')), responses: { 200: json(ref('AmendmentDecisionResult')), ...errors(400, 401, 403, 404, 422) } }) },
    '/api/fiches/{id}/amendments/withdraw': { post: op('Retirer des amendements de sa propre organisation ; audité', { parameters: [idParam()], requestBody: body(ref('AmendmentDecision')), responses: { 200: json(ref('AmendmentDecisionResult')), ...errors(400, 401, 403, 404, 422) } }) },
    '/api/negotiations/{id}/amendment-settings': {
      get: op('Qui accepte ou rejette les amendements dans la négociation', { parameters: [idParam()], responses: { 200: json(obj({ deciders: ref('AmendmentDeciders'), canDecide: { type: 'boolean' } })), ...errors(401, 404) } }),
      put: op('Choisir qui accepte ou rejette les amendements (présidence)', { parameters: [idParam()], requestBody: body(obj({ deciders: ref('AmendmentDeciders') }, ['deciders'])), responses: { 200: json(obj({ deciders: ref('AmendmentDeciders'), canDecide: { type: 'boolean' } })), ...errors(400, 401, 403, 404) } }),
    },
    '/api/negotiations/{id}/amendments/tableau': { get: op('Tableau des amendements en attente pour la séance : rédaction actuelle, rédaction si tous les amendements sont acceptés, qui les propose ; HTML ou Word (modifications suivies au nom de l’organisation qui propose)', { parameters: [idParam(), { name: 'format', in: 'query', schema: { enum: ['html', 'docx'] } }], responses: { 200: { description: 'Page HTML ou document Word' }, ...errors(400, 401, 404) } }) },
    '/api/negotiations/{id}/versions': {
      get: op('Versions de la négociation (toutes branches)', { parameters: [idParam()], responses: { 200: json(obj({ versions: { type: 'array', items: ref('Version') } })), ...errors(401, 404) } }),
      post: op('Créer une version du brouillon principal ou d’une proposition', { parameters: [idParam()], requestBody: body(obj({ label: str, proposalId: nullableStr }, ['label'])), responses: { 201: json(obj({ version: ref('Version') })), ...errors(400, 401, 403, 404, 422) } }),
    },
    '/api/negotiations/{id}/versions/verify': { get: op('Vérifier la chaîne d’empreintes de toutes les versions', { parameters: [idParam()], responses: { 200: json(ref('ChainCheck')), ...errors(401, 404) } }) },
    '/api/versions/{id}': { get: op('Une version et son texte', { parameters: [idParam()], responses: { 200: json(obj({ version: { allOf: [ref('Version'), obj({ texte: ref('Texte') })] } })), ...errors(401, 404) } }) },
    '/api/avenant': { get: op('Rédiger l’avenant du texte en vigueur (from) au texte convenu (to) : articles en légistique, parties = organisations membres — voir docs/diff.md', { parameters: [{ name: 'from', in: 'query', required: true, schema: str }, { name: 'to', in: 'query', required: true, schema: str, description: 'Identifiant de version, ou live' }, { name: 'format', in: 'query', schema: { enum: ['json', 'text', 'html', 'docx', 'pdf', 'texte'] } }, { name: 'annexe', in: 'query', schema: { enum: ['0', '1', 'true', 'false'] }, description: 'Joindre le tableau comparatif en annexe (html, pdf)' }, { name: 'numero', in: 'query', schema: str }, { name: 'date', in: 'query', schema: str, description: 'AAAA-MM-JJ' }, { name: 'accordDate', in: 'query', schema: str }, { name: 'lieu', in: 'query', schema: str }], responses: { 200: { description: 'Avenant (JSON, texte Paritaire, texte, HTML, Word ou PDF)' }, ...errors(400, 401, 404, 503) } }) },
    '/api/versions/{id}/export': { get: op('Exporter une version en PDF (page de titre, sommaire par filière, « Page 3 sur 43 ») ou en Word (fiches en titres)', { parameters: [idParam(), { name: 'format', in: 'query', schema: { enum: ['pdf', 'docx'] } }], responses: { 200: { description: 'Document PDF ou Word' }, ...errors(400, 401, 404, 503) } }) },
    '/api/versions/{id}/verify': { get: op('Vérifier l’empreinte de la version et de ses ascendantes', { parameters: [idParam()], responses: { 200: json(ref('ChainCheck')), ...errors(401, 404) } }) },
    '/api/versions/{id}/status': { post: op('Changer l’état : draft→proposal, proposal→draft (organisation autrice), proposal→agreed et signed→published (présidence)', { parameters: [idParam()], requestBody: body(obj({ status: { enum: ['draft', 'proposal', 'agreed', 'signed', 'published'] } }, ['status'])), responses: { 200: json(obj({ version: ref('Version') })), ...errors(400, 401, 403, 404, 409) } }) },
    '/api/versions/{id}/signatures': { post: op('Signer une version validée au nom de son organisation', { parameters: [idParam()], requestBody: body(obj({ date: { type: 'string', format: 'date' } })), responses: { 201: json(obj({ version: ref('Version') })), ...errors(400, 401, 403, 404, 409) } }) },
    '/api/versions/{id}/validity': { get: op('Validité de l’accord (L. 2232-6, L. 2231-8) : poids des signataires et des opposants, notification, délai, état, raisons', { parameters: [idParam()], responses: { 200: json(ref('Validity')), ...errors(401, 404) } }) },
    '/api/versions/{id}/notification': { post: op('Enregistrer la date de notification (présidence ; par défaut la dernière signature ; jamais future)', { parameters: [idParam()], requestBody: body(obj({ date: { type: 'string', format: 'date' } })), responses: { 201: json(ref('Validity')), ...errors(400, 401, 403, 404, 409) } }) },
    '/api/versions/{id}/oppositions': { post: op('Former opposition (organisation syndicale non signataire, motivée, avant l’expiration du délai)', { parameters: [idParam()], requestBody: body(obj({ motif: str }, ['motif'])), responses: { 201: json(ref('Validity')), ...errors(400, 401, 403, 404, 409) } }) },
    '/api/negotiations/{id}/representativite': {
      get: op('Représentativité des organisations syndicales (poids L. 2232-6) et sa source', { parameters: [idParam()], responses: { 200: json(ref('Representativite')), ...errors(401, 404) } }),
      put: op('Saisir la représentativité (présidence ; modifiable tant qu’aucune version n’est signée)', { parameters: [idParam()], requestBody: body(obj({ weights: { type: 'array', items: obj({ organisation: str, percent: { type: 'number' } }, ['organisation', 'percent']) }, source: str }, ['weights', 'source'])), responses: { 200: json(ref('Representativite')), ...errors(400, 401, 403, 404, 409) } }),
    },
    '/api/negotiations/{id}/locks': {
      get: op('Verrous du texte commun (fiches validées, texte signé)', { parameters: [idParam()], responses: { 200: json(obj({ locks: { type: 'array', items: ref('Lock') } })), ...errors(401, 404) } }),
      post: op('Verrouiller une fiche validée (ou tout le texte : fiche null) — présidence', { parameters: [idParam()], requestBody: body(obj({ fiche: nullableStr }, ['fiche'])), responses: { 201: json(obj({ locks: { type: 'array', items: ref('Lock') } })), ...errors(400, 401, 403, 404, 409) } }),
    },
    '/api/negotiations/{id}/unlock': { post: op('Déverrouiller une fiche (ou tout le texte : nouveau tour) — présidence', { parameters: [idParam()], requestBody: body(obj({ fiche: nullableStr }, ['fiche'])), responses: { 200: json(obj({ locks: { type: 'array', items: ref('Lock') } })), ...errors(400, 401, 403, 404) } }) },
    '/api/ledger/key': { get: op('Clé publique Ed25519 qui signe la tête du registre et les publications', { security: [], responses: { 200: json(obj({ algorithm: str, keyId: str, publicKey: str })) } }) },
    '/api/versions/{id}/restore': { post: op('Restaurer une version : son contenu redevient le brouillon de sa branche, enregistré comme nouvelle version', { parameters: [idParam()], requestBody: body(obj({})), responses: { 201: json(obj({ version: ref('Version') })), ...errors(401, 403, 404, 422) } }) },
    '/api/diff': { get: op('Comparer deux versions (ou une version et le brouillon en cours, to=live) : jeu de modifications JSON, redline HTML, tableau comparatif, texte, DOCX à modifications suivies — voir docs/diff.md', { parameters: [{ name: 'from', in: 'query', required: true, schema: str, description: 'Identifiant de version, ou live (un seul côté)' }, { name: 'to', in: 'query', required: true, schema: str, description: 'Identifiant de version, ou live' }, { name: 'format', in: 'query', schema: { enum: ['json', 'html', 'table', 'text', 'docx', 'table-docx', 'pdf', 'grille', 'screen'] } }, { name: 'view', in: 'query', schema: { enum: ['inline', 'tableau', 'grille'] }, description: 'screen : la vue dessinée avec le jeu de modifications' }, { name: 'proposal', in: 'query', schema: str, description: 'Le brouillon en cours de cette proposition plutôt que celui de la branche de la version' }, { name: 'threads', in: 'query', schema: { enum: ['0', '1', 'true', 'false'] }, description: 'docx : les fils de discussion partagés en commentaires Word (par défaut ; 0 pour aucun) — jamais les notes privées' }, { name: 'foldTypography', in: 'query', schema: { enum: ['0', '1', 'true', 'false'] }, description: 'Regrouper en une ligne les fiches qui ne diffèrent que par la typographie' }, { name: 'ignoreTypography', in: 'query', schema: { enum: ['0', '1', 'true', 'false'] } }, { name: 'attribution', in: 'query', schema: { enum: ['0', '1', 'true', 'false'] }, description: 'Attribuer chaque modification à l’organisation dont la version, entre les deux, l’a introduite' }], responses: { 200: { description: 'Jeu de modifications (JSON), page HTML, texte ou document Word' }, ...errors(400, 401, 404) } }) },
    '/api/negotiations/{id}/proposals': {
      get: op('Propositions de la négociation', { parameters: [idParam()], responses: { 200: json(obj({ proposals: { type: 'array', items: ref('Proposal') } })), ...errors(401, 404) } }),
      post: op('Démarrer une proposition de son organisation à partir d’une version', { parameters: [idParam()], requestBody: body(obj({ fromVersionId: str, label: str }, ['fromVersionId', 'label'])), responses: { 201: json(obj({ proposal: ref('Proposal') })), ...errors(400, 401, 403, 404) } }),
    },
    '/api/proposals/{id}/bring-back': { post: op('Ramener un projet dans le texte commun : chaque différence avec sa version de départ devient un amendement en attente de son organisation (présidence, ou l’organisation du projet) ; fiches verrouillées, ajoutées ou retirées non reprises', { parameters: [idParam()], requestBody: body(obj({})), responses: { 200: json(obj({
      proposal: obj({ id: str, label: str, organisation: obj({ id: str, name: str }) }),
      baseVersion: obj({ id: str, number: { type: 'integer' }, label: str }),
      touched: { type: 'array', items: obj({ key: str, ficheId: str, intitule: str, amendments: { type: 'array', items: str }, unresolved: { type: 'array', items: obj({ section: str, code: str, message: str }) } }) },
      unresolved: { type: 'array', items: obj({ key: str, ficheId: str, intitule: str, differences: { type: 'array', items: obj({ section: str, code: str, message: str }) } }) },
      skipped: { type: 'array', items: obj({ key: str, intitule: str, code: { enum: ['fiche_verrouillee', 'fiche_ajoutee', 'fiche_supprimee', 'fiche_absente'] }, reason: str }) },
      amendmentsCreated: { type: 'integer' },
    })), ...errors(401, 403, 404, 409, 422, 503) } }) },
    '/api/fiches/{id}/threads': {
      get: op('Discussions de la fiche visibles par l’organisation (partagées, et notes privées de la sienne)', { parameters: [idParam()], responses: { 200: json(obj({ threads: { type: 'array', items: ref('Thread') } })), ...errors(401, 404) } }),
      post: op('Ouvrir une discussion sur un passage (présidence, édition, commentaires)', { parameters: [idParam()], requestBody: body(obj({ anchor: ref('ThreadAnchor'), body: str, visibility: { enum: ['negotiation', 'organisation'] } }, ['anchor', 'body', 'visibility'])), responses: { 201: json(obj({ thread: ref('Thread') })), ...errors(400, 401, 403, 404, 422) } }),
    },
    '/api/fiches/{id}/threads/events': { get: op('Flux Server-Sent Events des discussions de la fiche (événement thread : la discussion modifiée, telle que l’appelant peut la voir)', { parameters: [idParam()], responses: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: str } } }, ...errors(401, 404) } }) },
    '/api/negotiations/{id}/thread-counts': { get: op('Nombre de discussions (ouvertes, total) par fiche, visibles par l’appelant', { parameters: [idParam(), { name: 'proposal', in: 'query', schema: str }], responses: { 200: json(obj({ counts: { type: 'object', additionalProperties: obj({ open: { type: 'integer' }, total: { type: 'integer' } }) } })), ...errors(401, 404) } }) },
    '/api/threads/{id}/comments': { post: op('Répondre dans une discussion', { parameters: [idParam()], requestBody: body(obj({ body: str }, ['body'])), responses: { 201: json(obj({ thread: ref('Thread') })), ...errors(400, 401, 403, 404) } }) },
    '/api/threads/{id}/resolve': { post: op('Marquer une discussion résolue', { parameters: [idParam()], responses: { 200: json(obj({ thread: ref('Thread') })), ...errors(401, 403, 404, 409) } }) },
    '/api/threads/{id}/reopen': { post: op('Rouvrir une discussion résolue', { parameters: [idParam()], responses: { 200: json(obj({ thread: ref('Thread') })), ...errors(401, 403, 404, 409) } }) },
    '/api/comments/{id}': {
      patch: op('Modifier son propre commentaire', { parameters: [idParam()], requestBody: body(obj({ body: str }, ['body'])), responses: { 200: json(obj({ thread: ref('Thread') })), ...errors(400, 401, 403, 404, 409) } }),
      delete: op('Supprimer son propre commentaire (sa place reste : « Commentaire supprimé »)', { parameters: [idParam()], responses: { 200: json(obj({ thread: ref('Thread') })), ...errors(401, 403, 404, 409) } }),
    },
    '/p/{slug}': { get: op('Texte publié courant (HTML imprimable ; JSON avec Accept: application/json ou ?format=json), sans session', { security: [], parameters: [idParam('slug', 'Adresse de la négociation')], responses: { 200: { description: 'Page HTML ou JSON { negotiation, version, texte }' }, 404: { description: 'Aucun texte publié' } } }) },
    '/p/{slug}/{versionId}': { get: op('Une version publiée donnée, sans session', { security: [], parameters: [idParam('slug', 'Adresse de la négociation'), idParam('versionId')], responses: { 200: { description: 'Page HTML ou JSON' }, 404: { description: 'Version non publiée ou introuvable' } } }) },
  },
} as const

// Members managed from the negotiation page: described beside their routes (member.openapi.ts).
mergePaths(openApiDocument.paths as unknown as Record<string, Record<string, unknown>>, memberPaths)

/** The documented (method, path) pairs, with Hono-style `:param` paths. */
export function documentedRoutes(): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = []
  for (const [path, ops] of Object.entries(openApiDocument.paths)) {
    for (const method of Object.keys(ops)) out.push({ method: method.toUpperCase(), path: path.replace(/\{(\w+)\}/g, ':$1') })
  }
  return out
}
