import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { SyncConnection, type SocketLike, type SyncRole } from './connection.ts'
import { DocManager } from './doc-manager.ts'
import type { FicheYjs } from './document.ts'
import { fragmentToEditorJson } from './editor-json.ts'
import { MemoryUpdateLog } from './memory-update-log.ts'
import { decodeMessage, encodeQueryAwareness, encodeSyncStep1, encodeSyncUpdate } from './protocol.ts'

const fiche: FicheYjs = {
  checkStructure: (doc) => (doc.getXmlFragment('f').length === 2 ? null : { code: 's', message: 'deux sections' }),
  rootNames: () => ['f'],
  seedState() {
    const doc = new Y.Doc()
    doc.getXmlFragment('f').insert(0, [new Y.XmlElement('a'), new Y.XmlElement('b')])
    return Y.encodeStateAsUpdate(doc)
  },
  toContent: (doc) => doc.getXmlFragment('f').toString(),
  toEditorJson: (doc) => fragmentToEditorJson(doc.getXmlFragment('f')),
}

class FakeSocket implements SocketLike {
  readyState = 1
  bufferedAmount = 0
  sent: Uint8Array[] = []
  closedWith: { code?: number; reason?: string } | null = null
  send(data: Uint8Array) {
    this.sent.push(data)
  }
  close(code?: number, reason?: string) {
    this.closedWith = { code, reason }
    this.readyState = 3
  }
  kinds(): string[] {
    return this.sent.map((f) => {
      const d = decodeMessage(f)
      return d.ok ? d.message.kind : 'invalide'
    })
  }
}

function setup() {
  const log = new MemoryUpdateLog()
  log.addFiche('f1', null)
  const manager = new DocManager({ log, fiche, maxDocumentBytes: 1_000_000, compactEvery: 1000 })
  const open = (role: SyncRole) => {
    const socket = new FakeSocket()
    const conn = new SyncConnection(socket, { ficheId: 'f1', userId: 'u', organisationId: 'o', role }, manager, {
      maxBufferedBytes: 1000,
      maxQueuedFrames: 5,
    })
    return { socket, conn }
  }
  return { log, manager, open }
}

async function editFrom(manager: DocManager, text: string): Promise<Uint8Array> {
  const doc = await manager.acquire('f1')
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(doc!.live))
  manager.release(doc!)
  const before = Y.encodeStateVector(client)
  ;(client.getXmlFragment('f').get(0) as Y.XmlElement).insert(0, [new Y.XmlText(text)])
  return Y.encodeStateAsUpdate(client, before)
}

describe('SyncConnection', () => {
  it('greets with sync step 1, answers step 1 with step 2, and replays frames sent while loading', async () => {
    const { open } = setup()
    const { socket, conn } = open('editor')
    const start = conn.start()
    conn.receive(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())))
    conn.receive(encodeQueryAwareness())
    await start
    expect(socket.kinds()).toEqual(['sync-step1', 'sync-step2', 'awareness'])
    conn.onSocketClosed()
  })

  it("relays an editor's update to others after commit, and drops a viewer's", async () => {
    const { open, manager, log } = setup()
    const a = open('editor')
    const b = open('viewer')
    await a.conn.start()
    await b.conn.start()
    const fromViewer = await editFrom(manager, 'lecteur')
    b.conn.receive(encodeSyncUpdate(fromViewer))
    expect(b.conn.droppedUpdates).toBe(1)
    a.conn.receive(encodeSyncUpdate(await editFrom(manager, 'editeur')))
    await manager.get('f1')!.committed()
    expect(b.socket.kinds()).toContain('sync-update')
    expect(a.socket.kinds()).not.toContain('sync-update')
    expect(log.tail('f1')).toHaveLength(1)
    expect(b.socket.closedWith).toBeNull()
    a.conn.onSocketClosed()
    b.conn.onSocketClosed()
  })

  it('closes with 4400 and a reason on a malformed or text frame, leaving others connected', async () => {
    const { open } = setup()
    const bad = open('editor')
    const text = open('editor')
    const good = open('editor')
    await Promise.all([bad.conn.start(), text.conn.start(), good.conn.start()])
    bad.conn.receive(new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0x7f]))
    text.conn.receive('bonjour')
    expect(bad.socket.closedWith?.code).toBe(4400)
    expect(bad.socket.closedWith?.reason).toMatch(/^length_exceeds_frame: /)
    expect(text.socket.closedWith?.code).toBe(4400)
    expect(good.socket.closedWith).toBeNull()
    good.conn.onSocketClosed()
  })

  it('closes a client that does not read (4408) and one that floods before the document is loaded', async () => {
    const { open, manager } = setup()
    const slow = open('editor')
    const other = open('editor')
    await slow.conn.start()
    await other.conn.start()
    slow.socket.bufferedAmount = 10_000
    other.conn.receive(encodeSyncUpdate(await editFrom(manager, 'x')))
    await manager.get('f1')!.committed()
    expect(slow.socket.closedWith?.code).toBe(4408)
    const flood = open('editor')
    for (let i = 0; i < 6; i++) flood.conn.receive(encodeQueryAwareness())
    expect(flood.socket.closedWith?.code).toBe(4408)
    other.conn.onSocketClosed()
  })
})
