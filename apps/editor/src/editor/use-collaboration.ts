/**
 * The live side of a fiche: one Y.Doc per open fiche, bound to the server
 * room `/sync/:ficheId` by the stock y-websocket provider, plus what the
 * screen shows about it — the connection state in French terms and who is
 * here now (from awareness). Edits made while disconnected stay in the
 * Y.Doc and the provider sends them when the socket is back (sync step 1/2).
 */
import { useEffect, useState } from 'react'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { yDocToFiche, type Fiche } from '@paritaire/schema/editing'

/** What the connection badge says. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline'

export const CONNECTION_LABELS: Record<ConnectionState, string> = {
  connecting: 'Connexion…',
  connected: 'Connecté',
  reconnecting: 'Reconnexion…',
  offline: 'Hors ligne',
}

/** The awareness `user` field every client publishes (contract with the sync server). */
export interface AwarenessUser {
  name: string
  color: string
  organisation: string
}

export interface Participant extends AwarenessUser {
  clientId: number
  isSelf: boolean
}

/** After this many failed attempts in a row, "Reconnexion…" becomes "Hors ligne". */
const ATTEMPTS_BEFORE_OFFLINE = 3

/**
 * Longest wait between two reconnection attempts: the badge must say
 * « Connecté » within a second of the service coming back, even when the
 * browser sees no network change (a proxy or server restart).
 */
const MAX_BACKOFF_MS = 800

export function syncBaseUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${protocol}//${window.location.host}/sync`
}

export interface Collaboration {
  doc: Y.Doc
  provider: WebsocketProvider
  state: ConnectionState
  /** True once the document has been received from the server at least once. */
  loaded: boolean
  participants: Participant[]
  /** Why the server closed the socket last (refused, invalid update…), if it said. */
  closeReason: string | null
  /** Set when someone deleted the fiche while it was open: who did (French sentence) and the local copy, unsynced typing included. */
  deletion: FicheDeletion | null
}

export interface FicheDeletion {
  message: string
  /** What this browser held when the fiche was deleted (null if it could not be read). */
  fiche: Fiche | null
}

/** Close code of the server when the fiche was deleted (see the server's close-codes.ts). */
export const CLOSE_FICHE_DELETED = 4410

function readParticipants(provider: WebsocketProvider): Participant[] {
  const self = provider.awareness.clientID
  const list: Participant[] = []
  for (const [clientId, state] of provider.awareness.getStates()) {
    const user = (state as { user?: Partial<AwarenessUser> }).user
    if (!user?.name) continue
    list.push({
      clientId,
      isSelf: clientId === self,
      name: user.name,
      color: user.color ?? '#555',
      organisation: user.organisation ?? '',
    })
  }
  return list.sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name, 'fr'))
}

/** `ficheId` null: no connection (the fiche is not readable, so nothing to retry against). */
export function useCollaboration(ficheId: string | null, user: AwarenessUser): Collaboration | null {
  const [session, setSession] = useState<{ doc: Y.Doc; provider: WebsocketProvider } | null>(null)
  const [state, setState] = useState<ConnectionState>('connecting')
  const [loaded, setLoaded] = useState(false)
  const [participants, setParticipants] = useState<Participant[]>([])
  const [closeReason, setCloseReason] = useState<string | null>(null)
  const [deletion, setDeletion] = useState<FicheDeletion | null>(null)

  useEffect(() => {
    if (!ficheId) return
    const doc = new Y.Doc()
    // No BroadcastChannel: two tabs of one browser must go through the
    // server like everyone else, so what a tab shows is what the server has.
    const provider = new WebsocketProvider(syncBaseUrl(), ficheId, doc, { disableBc: true, maxBackoffTime: MAX_BACKOFF_MS })
    provider.awareness.setLocalStateField('user', user)
    let everConnected = false
    let failures = 0

    // y-websocket reports "connecting" before every attempt and a
    // connection-close after every failed or lost socket; three failures in a
    // row (about two seconds of backoff) is when people should read "Hors ligne".
    const settle = () => {
      // The socket is the truth: an 'online' event or a late close of an
      // old socket must not turn a working connection into « Reconnexion… ».
      if (provider.wsconnected) {
        setState('connected')
        return
      }
      const offline = !navigator.onLine || failures >= ATTEMPTS_BEFORE_OFFLINE
      setState(offline ? 'offline' : everConnected ? 'reconnecting' : 'connecting')
    }
    const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
      if (status === 'connected') {
        everConnected = true
        failures = 0
        setState('connected')
        setCloseReason(null)
      } else {
        settle()
      }
    }
    const onSync = (synced: boolean) => {
      if (synced) setLoaded(true)
    }
    const onClose = (event: CloseEvent | null) => {
      if (event?.code === CLOSE_FICHE_DELETED) {
        // No point reconnecting; keep what this browser holds so that it can be copied or restored.
        provider.shouldConnect = false
        let fiche: Fiche | null = null
        try { fiche = yDocToFiche(doc, ficheId) } catch { fiche = null }
        setDeletion({ message: event.reason.replace(/^fiche_supprimee:\s*/, '') || 'Cette fiche a été supprimée.', fiche })
        setState('offline')
        return
      }
      failures += 1
      if (event?.reason) setCloseReason(event.reason)
      settle()
    }
    // A 44xx close means the server refuses this client for good (not a member, session expired).
    const onTerminal = ({ reason }: { code: number; reason: string }) => {
      setCloseReason(reason || 'Accès refusé par le serveur.')
      setState('offline')
    }
    const onAwareness = () => setParticipants(readParticipants(provider))
    const onBrowserOffline = () => setState('offline')
    const onBrowserOnline = () => {
      // The network is back: try now rather than at the end of the backoff.
      // (With no socket in flight, connect() opens one at once; the pending
      // backoff timer then finds a socket and does nothing.)
      if (provider.shouldConnect && !provider.wsconnected && provider.ws === null) provider.connect()
      settle()
    }

    provider.on('status', onStatus)
    provider.on('sync', onSync)
    provider.on('connection-close', onClose)
    provider.on('closed', onTerminal)
    provider.awareness.on('change', onAwareness)
    window.addEventListener('offline', onBrowserOffline)
    window.addEventListener('online', onBrowserOnline)
    setSession({ doc, provider })
    setParticipants(readParticipants(provider))

    return () => {
      window.removeEventListener('offline', onBrowserOffline)
      window.removeEventListener('online', onBrowserOnline)
      provider.awareness.off('change', onAwareness)
      provider.off('status', onStatus)
      provider.off('sync', onSync)
      provider.off('connection-close', onClose)
      provider.off('closed', onTerminal)
      provider.destroy()
      doc.destroy()
      setSession(null)
      setLoaded(false)
      setDeletion(null)
      setState('connecting')
    }
    // The user object is published once; changing name mid-session is not a case.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ficheId])

  if (!session) return null
  return { ...session, state, loaded, participants, closeReason, deletion }
}
