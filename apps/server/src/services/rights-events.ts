/**
 * Announcements that someone's rights on live documents changed: a role set
 * or a membership removed, a session ended (logout), a fiche deleted. The
 * services that make these changes announce them after their transaction;
 * the sync part (`sync/rights-watcher.ts`) downgrades or closes the open
 * sockets concerned. An announcement reaches this instance's listeners at
 * once and the other instances through NOTIFY on `paritaire_rights`; each
 * carries the id of the instance that sent it, so that an instance ignores
 * the NOTIFY copy of its own. Nothing here is needed for safety alone: the
 * watcher also re-checks every open socket periodically (expired sessions,
 * missed notifications).
 */
import { randomBytes } from 'node:crypto'
import type { AppContext } from '../context.ts'

export const RIGHTS_CHANNEL = 'paritaire_rights'

export type RightsEvent =
  | { kind: 'membership'; negotiationId: string; organisationId: string }
  | { kind: 'session-ended'; sessionKey: string }
  | { kind: 'fiche-deleted'; ficheId: string; by: { name: string; organisation: string } | null }

type Listener = (event: RightsEvent) => void

interface Hub { instance: string; listeners: Set<Listener> }

const hubs = new WeakMap<AppContext, Hub>()

function hubOf(ctx: AppContext): Hub {
  let hub = hubs.get(ctx)
  if (!hub) {
    hub = { instance: randomBytes(8).toString('hex'), listeners: new Set() }
    hubs.set(ctx, hub)
  }
  return hub
}

/** Listens to announcements made on this instance; returns the unsubscribe function. */
export function onRightsEvent(ctx: AppContext, listener: Listener): () => void {
  const hub = hubOf(ctx)
  hub.listeners.add(listener)
  return () => hub.listeners.delete(listener)
}

/** Tells every instance; never throws (a lost NOTIFY is caught up by the watcher's periodic check). */
export async function announceRightsChange(ctx: AppContext, event: RightsEvent): Promise<void> {
  const hub = hubOf(ctx)
  for (const listener of hub.listeners) {
    try { listener(event) } catch { /* a listener's fault is its own */ }
  }
  await ctx.database.notify(RIGHTS_CHANNEL, JSON.stringify({ from: hub.instance, event })).catch(() => {})
}

/** A NOTIFY payload from another instance (null when it is ours or unreadable). */
export function rightsEventFromPayload(ctx: AppContext, payload: string): RightsEvent | null {
  try {
    const parsed = JSON.parse(payload) as { from?: unknown; event?: RightsEvent }
    if (parsed.from === hubOf(ctx).instance || !parsed.event || typeof parsed.event !== 'object') return null
    return parsed.event
  } catch {
    return null
  }
}
