/**
 * Live co-editing over the stock y-websocket protocol, with durable Postgres
 * persistence and several instances (see docs/sync.md). The server mounts
 * `syncRoutes` under `/sync` and calls `installSync` at start-up.
 */
export type { UpdateRule, UpdateAuthor, UpdateRuleInput, RuleRefusal, EditorNodeJson } from './update-rules.ts'
export { installSync, syncServiceOf, syncSettings, DEFAULT_SYNC_SETTINGS, type SyncService, type SyncSettings } from './service.ts'
export { syncRoutes } from './routes.ts'
export { CLOSE, closeReason } from './close-codes.ts'
export { SYNC_CHANNEL } from './update-log.ts'
