/**
 * Rights end when they end, on open sockets too. The WebSocket upgrade
 * checks the session and the role once; this watcher keeps checking for as
 * long as the socket is open, and acts within a second:
 *
 * - the session ended (logout, expiry, deletion): close, 4401 `session_terminee`;
 * - the organisation left the negotiation: close, 4401 `acces_retire`;
 * - the role no longer allows writing (e.g. editor → viewer): the connection
 *   becomes read-only at once and is closed, 4401 `droits_modifies`, so that
 *   the client reconnects with its new role and can tell the person; a
 *   role that still writes, or that now may, is updated in place;
 * - the fiche was deleted: close, 4410, « Cette fiche a été supprimée par
 *   <nom> (<organisation>) ».
 *
 * Announcements (`services/rights-events.ts`, local or NOTIFY from other
 * instances) trigger the check at once; a sweep every `sweepMs` re-checks
 * every open socket against the database, which covers expiry and any
 * missed notification. The database questions go through `RightsSource`,
 * so the logic is tested without one.
 */
import { CLOSE, closeReason, type CloseCode } from './close-codes.ts'
import { canWrite, type ConnectionInfo, type SyncRole } from './connection.ts'
import type { RightsEvent } from '../services/rights-events.ts'
import type { AppContext } from '../context.ts'
import { findFicheMemberships } from '../repos/fiche-access.repo.ts'
import { ficheAccess, liveRole } from '../services/access.ts'

/** What the watcher needs of a connection. */
export interface WatchedConnection {
  readonly info: ConnectionInfo
  close(code: CloseCode, reason: string): void
}

export type FicheAccess = { kind: 'member'; role: SyncRole; negotiationId: string } | { kind: 'not-member' } | { kind: 'no-fiche' }

export interface RightsSource {
  /** The session keys among `keys` whose session still exists and has not expired. */
  liveSessions(keys: string[]): Promise<Set<string>>
  /** Each organisation's effective role on each fiche now, by `accessKey(ficheId, organisationId)`; every pair asked is answered. */
  access(pairs: readonly FicheOrganisation[]): Promise<Map<string, FicheAccess>>
  /** Who deleted the fiche, from the audit log, when known. */
  deletedBy(ficheId: string): Promise<{ name: string; organisation: string } | null>
}

export interface FicheOrganisation {
  ficheId: string
  organisationId: string
}

export const accessKey = (ficheId: string, organisationId: string): string => `${ficheId}\u0000${organisationId}`

interface Tracked {
  connection: WatchedConnection
  sessionKey: string
}

export const ROLE_LABELS: Record<SyncRole, string> = {
  chair: 'présidence', editor: 'rédaction', commenter: 'commentaire', viewer: 'lecture',
}

export function ficheDeletedReason(by: { name: string; organisation: string } | null): string {
  return closeReason('fiche_supprimee', by ? `Cette fiche a été supprimée par ${by.name} (${by.organisation})` : 'Cette fiche a été supprimée')
}

export class RightsWatcher {
  private readonly tracked = new Set<Tracked>()
  private timer: ReturnType<typeof setInterval> | null = null
  private running: Promise<void> | null = null
  private again = false

  constructor(
    private readonly source: RightsSource,
    private readonly options: { sweepMs: number; onError?: (error: unknown) => void } = { sweepMs: 1000 },
  ) {}

  get size(): number {
    return this.tracked.size
  }

  /** Watches a connection from its opening; returns the function to call when it closes. */
  track(connection: WatchedConnection, sessionKey: string): () => void {
    const entry: Tracked = { connection, sessionKey }
    this.tracked.add(entry)
    this.timer ??= setInterval(() => void this.checkAll(), this.options.sweepMs)
    this.timer.unref?.()
    return () => {
      this.tracked.delete(entry)
      if (this.tracked.size === 0 && this.timer) {
        clearInterval(this.timer)
        this.timer = null
      }
    }
  }

  /** An announcement: act at once on what it names without asking the database, then re-check the rest. */
  handle(event: RightsEvent): void {
    switch (event.kind) {
      case 'session-ended':
        for (const t of [...this.tracked]) if (t.sessionKey === event.sessionKey) this.end(t, CLOSE.unauthorized, sessionEnded())
        return
      case 'fiche-deleted':
        for (const t of [...this.tracked]) if (t.connection.info.ficheId === event.ficheId) this.end(t, CLOSE.ficheDeleted, ficheDeletedReason(event.by))
        return
      case 'membership':
        void this.checkAll((t) => t.connection.info.organisationId === event.organisationId)
        return
    }
  }

  /** Re-checks every watched connection (or those `only` selects) against the source. */
  checkAll(only?: (t: Tracked) => boolean): Promise<void> {
    if (this.running) {
      this.again = true
      return this.running
    }
    this.running = (async () => {
      do {
        this.again = false
        try {
          await this.checkOnce(only)
        } catch (error) {
          this.options.onError?.(error)
        }
        only = undefined
      } while (this.again)
    })().finally(() => {
      this.running = null
    })
    return this.running
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    this.tracked.clear()
  }

  private async checkOnce(only?: (t: Tracked) => boolean): Promise<void> {
    const entries = [...this.tracked].filter((t) => !only || only(t))
    if (entries.length === 0) return
    const live = await this.source.liveSessions([...new Set(entries.map((t) => t.sessionKey))])
    const pairs = new Map<string, FicheOrganisation>()
    for (const t of entries) {
      if (!this.tracked.has(t)) continue
      if (!live.has(t.sessionKey)) {
        this.end(t, CLOSE.unauthorized, sessionEnded())
        continue
      }
      const { ficheId, organisationId } = t.connection.info
      pairs.set(accessKey(ficheId, organisationId), { ficheId, organisationId })
    }
    if (pairs.size === 0) return
    const access = await this.source.access([...pairs.values()])
    for (const t of entries) {
      const answer = access.get(accessKey(t.connection.info.ficheId, t.connection.info.organisationId))
      if (answer && this.tracked.has(t)) this.apply(t, answer)
    }
  }

  private apply(t: Tracked, access: FicheAccess): void {
    const info = t.connection.info
    if (access.kind === 'no-fiche') {
      void this.source.deletedBy(info.ficheId).catch(() => null).then((by) => this.end(t, CLOSE.ficheDeleted, ficheDeletedReason(by)))
      return
    }
    if (access.kind === 'not-member') {
      this.end(t, CLOSE.unauthorized, closeReason('acces_retire', 'votre organisation ne participe plus à cette négociation'))
      return
    }
    if (access.role === info.role) return
    const couldWrite = canWrite(info.role)
    // Read-only from this very frame on, before the socket is even closed.
    ;(info as { role: SyncRole }).role = access.role
    if (couldWrite && !canWrite(access.role)) {
      this.end(t, CLOSE.unauthorized, closeReason('droits_modifies', `votre rôle est désormais « ${ROLE_LABELS[access.role]} » : vos modifications ne sont plus acceptées`))
    }
  }

  private end(t: Tracked, code: CloseCode, reason: string): void {
    if (!this.tracked.delete(t)) return
    // Read-only at once, whatever happens to the close.
    ;(t.connection.info as { role: SyncRole }).role = 'viewer'
    t.connection.close(code, reason)
  }
}

function sessionEnded(): string {
  return closeReason('session_terminee', 'votre session est terminée (déconnexion ou expiration) : reconnectez-vous')
}

/** The answers from the database of `ctx`. */
export function databaseRightsSource(ctx: AppContext): RightsSource {
  const db = ctx.database.db
  return {
    async liveSessions(keys) {
      if (keys.length === 0) return new Set()
      const rows = await db.selectFrom('sessions').select('token_hash')
        .where('token_hash', 'in', keys).where('expires_at', '>', new Date()).execute()
      return new Set(rows.map((r) => r.token_hash))
    },
    async access(pairs) {
      const rows = await findFicheMemberships(db, [...new Set(pairs.map((p) => p.ficheId))], [...new Set(pairs.map((p) => p.organisationId))])
      const fiches = new Set(rows.map((r) => r.ficheId))
      const members = new Map(rows.filter((r) => r.organisationId !== null).map((r) => [accessKey(r.ficheId, r.organisationId!), r]))
      const answers = new Map<string, FicheAccess>()
      for (const { ficheId, organisationId } of pairs) {
        const key = accessKey(ficheId, organisationId)
        const row = members.get(key)
        if (row?.role) {
          const access = ficheAccess(row.role, row, organisationId)
          answers.set(key, { kind: 'member', role: liveRole(access), negotiationId: access.negotiationId })
        } else answers.set(key, fiches.has(ficheId) ? { kind: 'not-member' } : { kind: 'no-fiche' })
      }
      return answers
    },
    async deletedBy(ficheId) {
      const row = await db.selectFrom('audit_events')
        .leftJoin('users', 'users.id', 'audit_events.user_id')
        .leftJoin('organisations', 'organisations.id', 'audit_events.organisation_id')
        .select(['users.name as user_name', 'organisations.name as organisation_name'])
        .where('audit_events.action', '=', 'fiche.delete').where('audit_events.target_id', '=', ficheId)
        .orderBy('audit_events.at', 'desc').limit(1).executeTakeFirst()
      return row?.user_name && row.organisation_name ? { name: row.user_name, organisation: row.organisation_name } : null
    },
  }
}
