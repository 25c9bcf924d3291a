/**
 * The peers of one live document and what flows between them without being
 * stored: the relay of committed updates to every peer but their author,
 * and presence (awareness). Each peer owns the awareness client ids it
 * announced; they are removed when it leaves, so a closed tab does not stay
 * « présent ». Presence lives on a Y.Doc of its own, empty: the committed
 * state may be dormant (`committed-state.ts`) while its peers come and go.
 */
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import { encodeAwareness, encodeSyncStep1, encodeSyncUpdate } from './protocol.ts'
import type { CloseCode } from './close-codes.ts'
import type { UpdateAuthor } from './update-rules.ts'

/** What the document needs from a connection. */
export interface DocumentPeer {
  /** The session behind the socket, recorded with its updates (none for server-side peers). */
  readonly author?: UpdateAuthor | null
  send(frame: Uint8Array): void
  close(code: CloseCode, reason: string): void
}

export class PeerRelay {
  readonly peers = new Set<DocumentPeer>()
  readonly awareness: awarenessProtocol.Awareness
  /** Awareness client ids each peer controls, removed when it leaves. */
  private readonly peerClients = new Map<DocumentPeer, Set<number>>()
  /** Awareness needs a Y.Doc (its client id, its destroy event); none of the document's content. */
  private readonly presenceDoc = new Y.Doc()

  /** @param stateVector the committed state's vector, sent to each new peer as the server's sync step 1 */
  constructor(private readonly stateVector: () => Uint8Array) {
    this.awareness = new awarenessProtocol.Awareness(this.presenceDoc)
    // The server has no cursor of its own.
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onAwarenessUpdate)
  }

  /** A new peer gets the server's sync step 1 and the current presence. */
  add(peer: DocumentPeer): void {
    this.peers.add(peer)
    this.peerClients.set(peer, new Set())
    peer.send(encodeSyncStep1(this.stateVector()))
    const states = this.awareness.getStates()
    if (states.size > 0) peer.send(this.awarenessFrame())
  }

  remove(peer: DocumentPeer): void {
    this.peers.delete(peer)
    const clients = this.peerClients.get(peer)
    this.peerClients.delete(peer)
    if (clients && clients.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...clients], null)
  }

  applyAwareness(peer: DocumentPeer, update: Uint8Array): boolean {
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer)
      return true
    } catch {
      return false
    }
  }

  awarenessFrame(): Uint8Array {
    return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]))
  }

  closeAll(code: CloseCode, reason: string): void {
    for (const peer of [...this.peers]) peer.close(code, reason)
  }

  destroy(): void {
    this.awareness.off('update', this.onAwarenessUpdate)
    this.awareness.destroy()
    this.presenceDoc.destroy()
  }

  /** Every change of the committed state goes to every peer but the one it came from. */
  readonly relay = (update: Uint8Array, origin: unknown): void => {
    const frame = encodeSyncUpdate(update)
    for (const peer of this.peers) if (peer !== origin) peer.send(frame)
  }

  private readonly onAwarenessUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...change.added, ...change.updated, ...change.removed]
    const owned = this.peerClients.get(origin as DocumentPeer)
    if (owned) {
      for (const id of change.added) owned.add(id)
      for (const id of change.removed) owned.delete(id)
    }
    const frame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
    for (const peer of this.peers) peer.send(frame)
  }
}
