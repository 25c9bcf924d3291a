/**
 * The three servers under benchmark, each started as a fresh process on a
 * fresh store: Paritaire (its own CLI, a new database on the Postgres at
 * 127.0.0.1:5432, a seeded negotiation and a logged-in member), Hocuspocus
 * 4.7.0 with its Database extension on a new database of the same Postgres,
 * and @y/websocket-server 0.1.1 with the LevelDB persistence it ships
 * (YPERSISTENCE). The same handle lets scenarios create documents, read the
 * server's RSS, kill -9 it and restart it on the same store.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import * as Y from 'yjs'
import type { Fiche } from '@paritaire/schema'
import { openDatabase } from '@paritaire/server'
import { seedWorld } from '../../utils/seed.ts'
import { ApiClient } from '../../utils/http.ts'
import { BenchClient, type Dialect } from './client.ts'
import { yStateOf } from './fiches.ts'

export type ServerKind = 'paritaire' | 'hocuspocus' | 'y-websocket'
export const SERVER_KINDS: ServerKind[] = ['paritaire', 'hocuspocus', 'y-websocket']

const ROOT = join(import.meta.dirname, '..', '..', '..')
export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

export interface BenchServer {
  kind: ServerKind
  dialect: Dialect
  pid(): number
  createDocs(fiches: Fiche[]): Promise<string[]>
  client(docName: string): BenchClient
  rssKB(): number
  kill9(): Promise<void>
  restart(): Promise<void>
  stop(): Promise<void>
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address()
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0))
    })
  })
}

async function createDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`
  const admin = postgres(PG_URL, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  await admin.end()
  const url = new URL(PG_URL)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const a = postgres(PG_URL, { max: 1, onnotice: () => {} })
      await a.unsafe(`drop database if exists ${name} with (force)`)
      await a.end()
    },
  }
}

/** Spawns a process and waits until `ready()` resolves true. */
class Proc {
  child!: ChildProcess
  log = ''
  constructor(private readonly cmd: string, private readonly args: string[], private readonly env: Record<string, string>) {}

  async start(ready: () => Promise<boolean>): Promise<void> {
    this.log = ''
    this.child = spawn(this.cmd, this.args, { cwd: ROOT, env: { ...process.env, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] })
    const collect = (c: Buffer) => { this.log = (this.log + c.toString()).slice(-8000) }
    this.child.stdout?.on('data', collect)
    this.child.stderr?.on('data', collect)
    const deadline = Date.now() + 120_000
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`processus arrêté (${this.child.exitCode}) : ${this.log}`)
      if (await ready().catch(() => false)) return
      await new Promise((r) => setTimeout(r, 100))
    }
    throw new Error(`processus pas prêt à temps : ${this.log}`)
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return
    await new Promise<void>((resolve) => {
      this.child.once('exit', () => resolve())
      this.child.kill(signal)
    })
  }

  rssKB(): number {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8')
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN)
  }
}

const tcpReady = (port: number) => async () => {
  const { connect } = await import('node:net')
  return new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1', () => { s.destroy(); resolve(true) })
    s.on('error', () => resolve(false))
  })
}

export async function startServer(kind: ServerKind): Promise<BenchServer> {
  if (kind === 'paritaire') return startParitaire()
  if (kind === 'hocuspocus') return startHocuspocus()
  return startYWebsocket()
}

async function startParitaire(): Promise<BenchServer> {
  const db = await createDatabase('bench_pari')
  const database = await openDatabase({ databaseUrl: db.url, maxConnections: 2 })
  const world = await seedWorld(database)
  await database.close()
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const proc = new Proc(process.execPath, ['--import', 'tsx', 'apps/server/src/cli/main.ts', 'serve'], {
    DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: '',
  })
  const ready = async () => (await fetch(`${url}/api/health`)).ok
  await proc.start(ready)
  const api = await new ApiClient(url).login(world.users.editor.email, world.users.editor.password)
  const cookie = api.cookieHeader()
  return {
    kind: 'paritaire',
    dialect: 'y-websocket',
    pid: () => proc.child.pid!,
    async createDocs(fiches) {
      const ids: string[] = []
      for (const fiche of fiches) {
        const res = await api.post(`/api/negotiations/${world.negotiationId}/fiches`, { fiche })
        if (res.status !== 201) throw new Error(`fiche refusée : ${res.status} ${res.text.slice(0, 300)}`)
        ids.push(res.json.fiche.id)
      }
      return ids
    },
    client: (docName) => new BenchClient({ dialect: 'y-websocket', url: `ws://127.0.0.1:${port}/sync/${docName}`, docName, cookie }),
    rssKB: () => proc.rssKB(),
    kill9: () => proc.kill('SIGKILL'),
    async restart() {
      await proc.kill('SIGTERM')
      await proc.start(ready)
    },
    async stop() {
      await proc.kill('SIGTERM')
      await db.drop()
    },
  }
}

async function startHocuspocus(): Promise<BenchServer> {
  const db = await createDatabase('bench_hp')
  const sql = postgres(db.url, { max: 1, onnotice: () => {} })
  await sql`create table hp_documents (name text primary key, data bytea not null)`
  const port = await freePort()
  const proc = new Proc(process.execPath, ['--import', 'tsx', 'test/bench/sync/hocuspocus-server.ts'], {
    HP_DATABASE_URL: db.url, PORT: String(port), NODE_ENV: 'production',
  })
  await proc.start(tcpReady(port))
  let n = 0
  return {
    kind: 'hocuspocus',
    dialect: 'hocuspocus',
    pid: () => proc.child.pid!,
    async createDocs(fiches) {
      const names: string[] = []
      for (const fiche of fiches) {
        const name = `doc-${n++}`
        await sql`insert into hp_documents (name, data) values (${name}, ${yStateOf(fiche)})`
        names.push(name)
      }
      return names
    },
    client: (docName) => new BenchClient({ dialect: 'hocuspocus', url: `ws://127.0.0.1:${port}`, docName }),
    rssKB: () => proc.rssKB(),
    kill9: () => proc.kill('SIGKILL'),
    async restart() {
      await proc.kill('SIGTERM')
      await proc.start(tcpReady(port))
    },
    async stop() {
      await proc.kill('SIGTERM')
      await sql.end()
      await db.drop()
    },
  }
}

async function startYWebsocket(): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-yws-'))
  const port = await freePort()
  const script = join(ROOT, 'test', 'node_modules', '@y', 'websocket-server', 'src', 'server.js')
  const proc = new Proc(process.execPath, [script], { HOST: '127.0.0.1', PORT: String(port), YPERSISTENCE: dir })
  await proc.start(tcpReady(port))
  let n = 0
  const client = (docName: string) => new BenchClient({ dialect: 'y-websocket', url: `ws://127.0.0.1:${port}/${docName}`, docName })
  return {
    kind: 'y-websocket',
    dialect: 'y-websocket',
    pid: () => proc.child.pid!,
    async createDocs(fiches) {
      const names: string[] = []
      for (const fiche of fiches) {
        const name = `doc-${n++}`
        // The reference server has no import: the first client pushes the state.
        const seeder = client(name)
        await seeder.connect()
        await seeder.whenSynced()
        Y.applyUpdate(seeder.doc, yStateOf(fiche))
        await new Promise((r) => setTimeout(r, 50))
        const check = client(name)
        await check.connect()
        await check.whenSynced()
        check.close()
        seeder.close()
        names.push(name)
      }
      await new Promise((r) => setTimeout(r, 200))
      return names
    },
    client,
    rssKB: () => proc.rssKB(),
    kill9: () => proc.kill('SIGKILL'),
    async restart() {
      await proc.kill('SIGTERM')
      await proc.start(tcpReady(port))
    },
    async stop() {
      await proc.kill('SIGTERM')
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
