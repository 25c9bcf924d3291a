/**
 * The signature circuit's tables: representative weights of a negotiation
 * and their source, the oppositions and the notification of a version
 * (both append-only in the database). SQL only.
 */
import { sql, type Kysely } from 'kysely'
import type { DB, OrganisationKind } from '../db/schema.ts'

export interface WeightRow { organisation_id: string; name: string; kind: OrganisationKind; hundredths: number }

export async function listWeights(db: Kysely<DB>, negotiationId: string): Promise<WeightRow[]> {
  const rows = await db.selectFrom('representativite')
    .innerJoin('organisations', 'organisations.id', 'representativite.organisation_id')
    .select(['representativite.organisation_id', 'organisations.name', 'organisations.kind', 'representativite.hundredths'])
    .where('representativite.negotiation_id', '=', negotiationId)
    .orderBy('representativite.hundredths', 'desc').orderBy('organisations.name').execute()
  return rows.map((r) => ({ ...r, hundredths: Number(r.hundredths) }))
}

export async function findWeightSource(db: Kysely<DB>, negotiationId: string) {
  return db.selectFrom('representativite_sources')
    .innerJoin('users', 'users.id', 'representativite_sources.updated_by_user_id')
    .select(['representativite_sources.source', 'representativite_sources.updated_at', 'users.name as user_name'])
    .where('representativite_sources.negotiation_id', '=', negotiationId).executeTakeFirst()
}

/** Replaces the negotiation's weights and source (inside the caller's transaction). */
export async function replaceWeights(
  db: Kysely<DB>, negotiationId: string, weights: { organisationId: string; hundredths: number }[], source: string, userId: string,
): Promise<void> {
  await db.deleteFrom('representativite').where('negotiation_id', '=', negotiationId).execute()
  if (weights.length > 0) {
    await db.insertInto('representativite').values(weights.map((w) => ({
      negotiation_id: negotiationId, organisation_id: w.organisationId, hundredths: w.hundredths,
    }))).execute()
  }
  await db.insertInto('representativite_sources')
    .values({ negotiation_id: negotiationId, source, updated_by_user_id: userId, updated_at: new Date() })
    .onConflict((oc) => oc.column('negotiation_id').doUpdateSet({ source, updated_by_user_id: userId, updated_at: new Date() }))
    .execute()
}

/** Whether any version of the negotiation has a signature: the weights are then frozen. */
export async function negotiationHasSignature(db: Kysely<DB>, negotiationId: string): Promise<boolean> {
  const row = await db.selectFrom('signatures').innerJoin('versions', 'versions.id', 'signatures.version_id')
    .select('signatures.version_id').where('versions.negotiation_id', '=', negotiationId).limit(1).executeTakeFirst()
  return row !== undefined
}

export interface OppositionRow { organisation_id: string; name: string; kind: OrganisationKind; user_name: string; motif: string; created_at: Date }

export async function listOppositions(db: Kysely<DB>, versionId: string): Promise<OppositionRow[]> {
  return db.selectFrom('oppositions')
    .innerJoin('organisations', 'organisations.id', 'oppositions.organisation_id')
    .innerJoin('users', 'users.id', 'oppositions.user_id')
    .select(['oppositions.organisation_id', 'organisations.name', 'organisations.kind', 'users.name as user_name',
      'oppositions.motif', 'oppositions.created_at'])
    .where('oppositions.version_id', '=', versionId).orderBy('oppositions.created_at').execute()
}

export async function insertOpposition(db: Kysely<DB>, o: { versionId: string; organisationId: string; userId: string; motif: string; at: Date }): Promise<void> {
  await db.insertInto('oppositions').values({
    version_id: o.versionId, organisation_id: o.organisationId, user_id: o.userId, motif: o.motif, created_at: o.at,
  }).execute()
}

export async function findNotification(db: Kysely<DB>, versionId: string) {
  return db.selectFrom('notifications').innerJoin('users', 'users.id', 'notifications.user_id')
    .select([sql<string>`to_char(notifications.notified_on, 'YYYY-MM-DD')`.as('notified_on'), 'users.name as user_name', 'notifications.created_at'])
    .where('notifications.version_id', '=', versionId).executeTakeFirst()
}

export async function insertNotification(db: Kysely<DB>, n: { versionId: string; notifiedOn: string; userId: string }): Promise<void> {
  await db.insertInto('notifications').values({ version_id: n.versionId, notified_on: n.notifiedOn, user_id: n.userId }).execute()
}

/** When the latest signature of the version was recorded (the default notification date). */
export async function lastSignatureAt(db: Kysely<DB>, versionId: string): Promise<Date | undefined> {
  const row = await db.selectFrom('signatures').select('created_at').where('version_id', '=', versionId)
    .orderBy('created_at', 'desc').limit(1).executeTakeFirst()
  return row?.created_at
}
