/**
 * Wires live sync into a server: one `DocManager` over the SQL update log,
 * the LISTEN on `paritaire_sync` that keeps instances in step (and the
 * resync after a listener reconnect), the live `FicheContentStore` swapped
 * into the app context, and the shutdown hook that commits and frees every
 * document. The service is kept beside the context (not inside it) so that
 * the context type stays the server's.
 */
import type { AppContext } from '../context.ts'
import { DocManager } from './doc-manager.ts'
import { DORMANT_AFTER_MS } from './committed-state.ts'
import { ficheYjs } from './fiche-yjs.ts'
import { createLiveFicheContentStore } from './live-content-store.ts'
import { SqlUpdateLog, SYNC_CHANNEL } from './update-log.ts'
import type { ConnectionLimits } from './connection.ts'
import type { UpdateRule } from './update-rules.ts'
import { databaseRightsSource, RightsWatcher } from './rights-watcher.ts'
import { onRightsEvent, RIGHTS_CHANNEL, rightsEventFromPayload } from '../services/rights-events.ts'

export interface SyncSettings extends ConnectionLimits {
  maxFrameBytes: number
  maxDocumentBytes: number
  compactEvery: number
  /** An unused live document goes back to its encoded form after this long (see `committed-state.ts`). */
  dormantAfterMs: number
}

export const DEFAULT_SYNC_SETTINGS: SyncSettings = {
  maxFrameBytes: 16 * 1024 * 1024,
  maxDocumentBytes: 8 * 1024 * 1024,
  compactEvery: 500,
  dormantAfterMs: DORMANT_AFTER_MS,
  maxBufferedBytes: 32 * 1024 * 1024,
  maxQueuedFrames: 10_000,
}

export interface SyncService {
  manager: DocManager
  /** Downgrades or closes open sockets whose rights ended (see rights-watcher.ts). */
  rights: RightsWatcher
  settings: SyncSettings
  close(): Promise<void>
}

const services = new WeakMap<AppContext, SyncService>()

/** The sync service installed on this context, if any. */
export function syncServiceOf(ctx: AppContext): SyncService | undefined {
  return services.get(ctx)
}

/** The settings sync will use for this configuration (also gives `ws` its `maxPayload`). */
export function syncSettings(ctx: Pick<AppContext, 'config'>): SyncSettings {
  return { ...DEFAULT_SYNC_SETTINGS, ...(ctx.config.sync ?? {}) }
}

export interface SyncOptions {
  /** Rules every live change must pass after the fiche checks (see `update-rules.ts`); none by default. */
  rules?: readonly UpdateRule[]
}

/** Starts live sync on a context: call once, after migrations, before listening. */
export async function installSync(ctx: AppContext, options: SyncOptions = {}): Promise<SyncService> {
  const existing = services.get(ctx)
  if (existing) return existing
  const settings = syncSettings(ctx)
  const log = new SqlUpdateLog(ctx.database.db)
  const manager = new DocManager({
    log,
    fiche: ficheYjs,
    maxDocumentBytes: settings.maxDocumentBytes,
    compactEvery: settings.compactEvery,
    dormantAfterMs: settings.dormantAfterMs,
    rules: options.rules ?? [],
    onError: (error, where) => console.error(`paritaire sync : ${where} : ${(error as Error)?.message ?? String(error)}`),
  })
  const unlisten = await ctx.database.listen(
    SYNC_CHANNEL,
    (payload) => manager.handleNotification(payload),
    () => void manager.resyncAll(),
  )
  ctx.ficheContent = createLiveFicheContentStore(manager, log)
  const rights = new RightsWatcher(databaseRightsSource(ctx), { sweepMs: 1000, onError: (e) => console.error(`paritaire sync : contrôle des droits : ${(e as Error)?.message ?? String(e)}`) })
  const unlistenRights = await ctx.database.listen(RIGHTS_CHANNEL, (payload) => {
    const event = rightsEventFromPayload(ctx, payload)
    if (event) rights.handle(event)
  }, () => void rights.checkAll())
  const offRights = onRightsEvent(ctx, (event) => rights.handle(event))
  let closed = false
  const service: SyncService = {
    manager,
    rights,
    settings,
    async close() {
      if (closed) return
      closed = true
      offRights()
      rights.stop()
      await unlistenRights().catch(() => {})
      await unlisten().catch(() => {})
      await manager.closeAll()
    },
  }
  ctx.onClose.push(() => service.close())
  services.set(ctx, service)
  return service
}
