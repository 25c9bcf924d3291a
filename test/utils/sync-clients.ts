/**
 * Real y-websocket clients for the sync tests and the benchmark: the stock
 * `WebsocketProvider` of y-websocket 3.1.0, in Node, with a `ws` WebSocket
 * that sends the session cookie on the upgrade request. BroadcastChannel is
 * disabled so that two clients of one test process can only meet through
 * the server.
 *
 *   const api = await loginAs(server.url, world.users.editor)
 *   const alice = connectSync(server.url, ficheId, api.cookieHeader())
 *   await alice.synced
 *   fragmentOf(alice.doc)  // the fiche's Y.XmlFragment
 */
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { FICHE_YDOC_FIELD } from '@paritaire/schema'
import { ApiClient } from './http.ts'

export interface SyncClient {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Resolves at the first sync with the server. */
  synced: Promise<void>
  /** Close events received from the server (code, reason). */
  closes: { code: number; reason: string }[]
  destroy(): void
}

/** A `ws` WebSocket class that sends `cookie` with the upgrade request. */
export function cookieWebSocket(cookie: string): typeof WebSocket {
  return class CookieWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: cookie ? { cookie } : {} })
    }
  } as typeof WebSocket
}

export function wsBase(httpUrl: string): string {
  return `${httpUrl.replace(/^http/, 'ws')}/sync`
}

export interface ConnectOptions {
  /** Awareness `user` field; defaults to a name derived from the cookie. */
  user?: { name: string; color: string; organisation: string }
  maxBackoffTime?: number
  doc?: Y.Doc
}

export function connectSync(httpUrl: string, ficheId: string, cookie: string, options: ConnectOptions = {}): SyncClient {
  const doc = options.doc ?? new Y.Doc()
  const provider = new WebsocketProvider(wsBase(httpUrl), ficheId, doc, {
    WebSocketPolyfill: cookieWebSocket(cookie) as never,
    disableBc: true,
    maxBackoffTime: options.maxBackoffTime ?? 500,
  })
  provider.awareness.setLocalStateField('user', options.user ?? { name: 'Test', color: '#336699', organisation: 'Test' })
  const closes: { code: number; reason: string }[] = []
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason })
  })
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) return resolve()
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return
      provider.off('sync', onSync)
      resolve()
    }
    provider.on('sync', onSync)
  })
  return {
    doc,
    provider,
    synced,
    closes,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** Logs a seeded user in and returns the API client (its `cookieHeader()` authenticates sync). */
export async function loginAs(url: string, user: { email: string; password: string }): Promise<ApiClient> {
  const api = new ApiClient(url)
  await api.login(user.email, user.password)
  return api
}

export function fragmentOf(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(FICHE_YDOC_FIELD)
}

/** Polls `check` until it returns true (or throws after `timeoutMs`, with `what` in the message). */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(`délai dépassé : ${what}`)
}

/** The first Y.XmlText of the fiche, depth first (the first text a user could type into). */
export function firstText(doc: Y.Doc): Y.XmlText | null {
  const walk = (node: Y.XmlFragment | Y.XmlElement): Y.XmlText | null => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) return child
      if (child instanceof Y.XmlElement) {
        const found = walk(child)
        if (found) return found
      }
    }
    return null
  }
  return walk(fragmentOf(doc))
}

/** Types `text` at the end of the fiche's first text, as an editor would (one Yjs transaction). */
export function typeIntoFiche(doc: Y.Doc, text: string): void {
  const target = firstText(doc)
  if (!target) throw new Error('la fiche n\'a aucun texte où écrire')
  target.insert(target.length, text)
}

/** The fiche's whole text content, to compare replicas. */
export function ficheText(doc: Y.Doc): string {
  return fragmentOf(doc).toString()
}
