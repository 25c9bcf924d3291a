/**
 * One WebSocket on `/sync/:ficheId`, after authentication: decodes each
 * frame with the pure protocol, enforces the member's role (viewers and
 * commenters receive everything, but their document updates are dropped
 * here; their awareness still flows) and hands the rest to the document.
 * Frames that arrive while the document loads are queued and replayed in
 * order. Any fault closes this socket only, with a code and a French reason
 * (see `close-codes.ts`); nothing here throws into the server.
 */
import { decodeMessage, type SyncMessage } from './protocol.ts'
import { CLOSE, closeReason, type CloseCode } from './close-codes.ts'
import type { DocManager } from './doc-manager.ts'
import type { DocumentPeer, LiveDocument } from './document.ts'
import type { UpdateAuthor } from './update-rules.ts'

/** The part of a `ws` WebSocket the connection uses. */
export interface SocketLike {
  readonly readyState: number
  readonly bufferedAmount?: number
  send(data: Uint8Array): void
  close(code?: number, reason?: string): void
}

export type SyncRole = 'chair' | 'editor' | 'commenter' | 'viewer'

export interface ConnectionInfo {
  ficheId: string
  userId: string
  organisationId: string
  role: SyncRole
}

export interface ConnectionLimits {
  /** Close a client whose unsent backlog exceeds this many bytes. */
  maxBufferedBytes: number
  /** Frames accepted while the document is still loading. */
  maxQueuedFrames: number
}

const OPEN = 1

export function canWrite(role: SyncRole): boolean {
  return role === 'editor' || role === 'chair'
}

export class SyncConnection implements DocumentPeer {
  private doc: LiveDocument | null = null
  private queue: Uint8Array[] | null = []
  private closed = false
  /** Document updates dropped because the member is read-only (for logs and tests). */
  droppedUpdates = 0

  constructor(
    private readonly socket: SocketLike,
    readonly info: ConnectionInfo,
    private readonly manager: DocManager,
    private readonly limits: ConnectionLimits,
  ) {}

  /** The session behind this socket, recorded with its updates and shown to the update rules. */
  get author(): UpdateAuthor {
    return { userId: this.info.userId, organisationId: this.info.organisationId, role: this.info.role }
  }

  /** Loads the document and joins it; frames received meanwhile are replayed. */
  async start(): Promise<void> {
    let doc: LiveDocument | null
    try {
      doc = await this.manager.acquire(this.info.ficheId)
    } catch {
      this.close(CLOSE.storageFailure, closeReason('stockage_indisponible', 'document illisible, réessayez plus tard'))
      return
    }
    if (!doc) {
      this.close(CLOSE.unauthorized, closeReason('fiche_introuvable', "cette fiche n'existe plus"))
      return
    }
    if (this.closed) {
      this.manager.release(doc)
      return
    }
    this.doc = doc
    doc.addPeer(this)
    const queued = this.queue ?? []
    this.queue = null
    for (const frame of queued) this.handle(frame)
  }

  /** A frame from the socket (binary as ArrayBuffer/Uint8Array; text frames are refused). */
  receive(data: ArrayBuffer | Uint8Array | string): void {
    if (this.closed) return
    if (typeof data === 'string') {
      this.close(CLOSE.protocolError, closeReason('frame_not_binary', 'trame texte refusée : le protocole est binaire'))
      return
    }
    const frame = data instanceof Uint8Array ? data : new Uint8Array(data)
    if (this.queue) {
      if (this.queue.length >= this.limits.maxQueuedFrames) {
        this.close(CLOSE.tooSlow, closeReason('trop_de_messages', 'trop de messages avant le chargement du document'))
        return
      }
      this.queue.push(frame)
      return
    }
    this.handle(frame)
  }

  /** The socket closed (by either side): leave the document. */
  onSocketClosed(): void {
    this.closed = true
    this.queue = null
    const doc = this.doc
    this.doc = null
    if (doc) {
      doc.removePeer(this)
      this.manager.release(doc)
    }
  }

  send(frame: Uint8Array): void {
    if (this.closed || this.socket.readyState !== OPEN) return
    if ((this.socket.bufferedAmount ?? 0) > this.limits.maxBufferedBytes) {
      this.close(CLOSE.tooSlow, closeReason('client_trop_lent', 'le client ne lit pas assez vite'))
      return
    }
    this.socket.send(frame)
  }

  close(code: CloseCode, reason: string): void {
    if (this.socket.readyState === OPEN) this.socket.close(code, reason)
    this.onSocketClosed()
  }

  private handle(frame: Uint8Array): void {
    const doc = this.doc
    if (!doc || this.closed) return
    const decoded = decodeMessage(frame)
    if (!decoded.ok) {
      this.close(CLOSE.protocolError, closeReason(decoded.error.code, decoded.error.message))
      return
    }
    this.dispatch(doc, decoded.message)
  }

  private dispatch(doc: LiveDocument, message: SyncMessage): void {
    switch (message.kind) {
      case 'sync-step1': {
        const reply = doc.syncStep2For(message.stateVector)
        if (reply) this.send(reply)
        else this.close(CLOSE.protocolError, closeReason('invalid_state_vector', "vecteur d'état invalide"))
        return
      }
      case 'sync-step2':
      case 'sync-update': {
        if (!canWrite(this.info.role)) {
          this.droppedUpdates++
          return
        }
        const refusal = doc.receiveUpdate(this, message.update)
        if (refusal) this.close(refusal.closeCode, closeReason(refusal.code, refusal.message))
        return
      }
      case 'awareness':
        if (!doc.applyAwareness(this, message.update)) {
          this.close(CLOSE.protocolError, closeReason('invalid_awareness', 'message de présence invalide'))
        }
        return
      case 'query-awareness':
        this.send(doc.awarenessFrame())
        return
      case 'auth-permission-denied':
        // Only the server sends these; a client's copy carries nothing to act on.
        return
    }
  }
}
