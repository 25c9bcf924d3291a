/**
 * Public reading of published versions: the current one of a negotiation
 * (its latest publication) or any published version by id. No session: only
 * versions whose status is `published` are reachable this way. The page and
 * the JSON carry the signatories with their weights, the oppositions, the
 * dates, and the signed seal of the publication.
 */
import type { Texte } from '@paritaire/schema'
import type { AppContext } from '../context.ts'
import { notFound } from '../errors.ts'
import { findNegotiationBySlug } from '../repos/negotiation.repo.ts'
import { currentPublishedVersionId, findVersion, listSignatures, listVersions } from '../repos/version.repo.ts'
import type { PublicationFacts } from '../publication/render-html.ts'
import { findPublicationSeal } from '../repos/ledger.repo.ts'
import { circuitOf } from './circuit.ts'
import { versionJson, versionTexte } from './versions.ts'

export async function publishedVersion(ctx: AppContext, slug: string, versionId: string | null) {
  const db = ctx.database.db
  const negotiation = await findNegotiationBySlug(db, slug)
  if (!negotiation) throw notFound('Aucun texte publié à cette adresse.')
  const id = versionId ?? (await currentPublishedVersionId(db, negotiation.id))
  const version = id ? await findVersion(db, id) : undefined
  if (!version || version.negotiation_id !== negotiation.id || version.status !== 'published') {
    throw notFound(versionId ? 'Cette version n’est pas publiée.' : 'Aucun texte publié pour cette négociation.')
  }
  const texte: Texte = await versionTexte(ctx, version.id)
  const signatures = await listSignatures(db, [version.id])
  const circuit = await circuitOf(ctx, version, version.published_at ?? new Date())
  const seal = await findPublicationSeal(db, negotiation.id, version.id)
  const published = (await listVersions(db, negotiation.id)).filter((v) => v.status === 'published' && v.id !== version.id).reverse()
  const facts: PublicationFacts = {
    negotiationTitle: negotiation.title,
    idcc: negotiation.idcc,
    versionNumber: version.number,
    versionLabel: version.label,
    versionId: version.id,
    publishedAt: version.published_at,
    authorOrganisation: version.org_name,
    signatures: circuit.organisations.filter((o) => o.state === 'signe')
      .map((o) => ({ organisation: o.organisation.name, date: o.signedAt ?? '', percent: o.percent, employer: o.organisation.kind === 'employer' })),
    oppositions: circuit.organisations.filter((o) => o.state === 'opposition')
      .map((o) => ({ organisation: o.organisation.name, date: o.opposedAt ?? '', percent: o.percent })),
    signatoryPercent: circuit.signatoryPercent,
    notifiedAt: circuit.notifiedAt,
    oppositionDeadline: circuit.oppositionDeadline,
    seal: seal ? { statement: seal.statement, signature: seal.signature } : null,
    chainHash: version.chain_hash,
    otherVersions: published.map((v) => ({ href: `/p/${encodeURIComponent(slug)}/${encodeURIComponent(v.id)}`, label: `version ${v.number} — ${v.label}` })),
  }
  const json = {
    negotiation: { title: negotiation.title, idcc: negotiation.idcc, slug: negotiation.slug },
    version: versionJson(version, signatures),
    texte,
    validity: { signatoryPercent: circuit.signatoryPercent, opposingPercent: circuit.opposingPercent, notifiedAt: circuit.notifiedAt, oppositionDeadline: circuit.oppositionDeadline, organisations: circuit.organisations.map(({ motif: _m, signedBy: _s, ...o }) => o) },
    /** The server's signed statement of this publication: `paritaire verify` checks it offline. */
    seal: seal ? { statement: seal.statement, signature: seal.signature } : null,
  }
  return { facts, texte, json }
}
