/**
 * The servers under benchmark, each started as a fresh process on a fresh
 * store: Paritaire (its compiled CLI as `npm start` runs it, a new database
 * on the Postgres at 127.0.0.1:5432, a seeded negotiation and logged-in
 * members), Hocuspocus 4.7.0 with its Database extension on a new database
 * of the same Postgres — in its default configuration (store debounced 2 s,
 * at most 10 s) and with `debounce: 0` (each change stored) — and
 * @y/websocket-server 0.1.1 with the LevelDB persistence it ships
 * (YPERSISTENCE). The same handle lets scenarios create documents, read the
 * server's RSS, wait until its store has finished writing, kill -9 it and
 * restart it on the same store; Paritaire's also starts a second instance
 * on the same database and reaches its REST API.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
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

export type ServerKind = 'paritaire' | 'hocuspocus' | 'hocuspocus-debounce0' | 'y-websocket'
export const SERVER_KINDS: ServerKind[] = ['paritaire', 'hocuspocus', 'hocuspocus-debounce0', 'y-websocket']

const ROOT = join(import.meta.dirname, '..', '..', '..')
export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

export interface BenchServer {
  kind: ServerKind
  dialect: Dialect
  /** A plain HTTP URL the server answers (Paritaire: `GET /api/health`), to probe its responsiveness. */
  probeUrl: string
  pid(): number
  /** The last lines the server process wrote (to explain a failure). */
  output(): string
  createDocs(fiches: Fiche[]): Promise<string[]>
  client(docName: string): BenchClient
  rssKB(): number
  /** Resolves once the server's store has finished writing what it was sent (before a restart). */
  settle(): Promise<void>
  kill9(): Promise<void>
  restart(): Promise<void>
  stop(): Promise<void>
  /** Paritaire only: REST access, the log, a second instance. */
  paritaire?: ParitaireExtras
}

export interface ParitaireExtras {
  negotiationId: string
  /** Logged-in members: the editor (who created the documents) and a read-only viewer. */
  editor: ApiClient
  viewer: ApiClient
  /** Rows of a fiche's update log not yet compacted into its snapshot. */
  tailRows(ficheId: string): Promise<number>
  /** A second server process on the same database (instances in step through Postgres). */
  secondInstance(): Promise<{ client(docName: string): BenchClient; rssKB(): number; stop(): Promise<void> }>
}

export interface StartOptions {
  /** Extra environment of the server process (Paritaire: e.g. SYNC_COMPACT_EVERY). */
  env?: Record<string, string>
}

let built = false
/** Builds the compiled server once per bench run (esbuild, a few seconds), so the bench measures what `npm start` runs. */
function buildParitaire(): void {
  if (built) return
  const r = spawnSync(process.execPath, [join(ROOT, 'apps', 'server', 'build.mjs')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
  if (r.status !== 0) throw new Error('construction du serveur impossible')
  built = true
}

/** A TCP port free on 127.0.0.1 right now (the benchmarks' servers listen there). */
export async function freePort(): Promise<number> {
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

export async function startServer(kind: ServerKind, options: StartOptions = {}): Promise<BenchServer> {
  if (kind === 'paritaire') return startParitaire(options)
  if (kind === 'hocuspocus') return startHocuspocus(kind, {})
  if (kind === 'hocuspocus-debounce0') return startHocuspocus(kind, { HP_DEBOUNCE: '0' })
  return startYWebsocket()
}

async function startParitaire(options: StartOptions): Promise<BenchServer> {
  buildParitaire()
  const db = await createDatabase('bench_pari')
  const database = await openDatabase({ databaseUrl: db.url, maxConnections: 2 })
  const world = await seedWorld(database)
  await database.close()
  const sql = postgres(db.url, { max: 1, onnotice: () => {} })
  // The ledger's signing key goes with the run, not into the checkout (DATA_DIR is empty: no files of its own).
  const keyDir = mkdtempSync(join(tmpdir(), 'bench-pari-'))
  const spawnInstance = async () => {
    const port = await freePort()
    const url = `http://127.0.0.1:${port}`
    // BENCH_NODE_ARGS (e.g. « --cpu-prof --cpu-prof-dir=/tmp/prof ») profiles the server under the load.
    const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []
    const proc = new Proc(process.execPath, [...nodeArgs, join(ROOT, 'apps', 'server', 'dist', 'paritaire.js'), 'serve'], {
      DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: '', PARITAIRE_KEY_FILE: join(keyDir, 'ledger-key.pem'), ...options.env,
    })
    const ready = async () => (await fetch(`${url}/api/health`)).ok
    await proc.start(ready)
    return { port, url, proc, ready }
  }
  const { port, url, proc, ready } = await spawnInstance()
  const api = await new ApiClient(url).login(world.users.editor.email, world.users.editor.password)
  const viewer = await new ApiClient(url).login(world.users.viewer.email, world.users.viewer.password)
  const cookie = api.cookieHeader()
  const others: Proc[] = []
  return {
    kind: 'paritaire',
    dialect: 'y-websocket',
    probeUrl: `${url}/api/health`,
    pid: () => proc.child.pid!,
    output: () => proc.log,
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
    // Every update is committed before it is relayed: nothing is left to write.
    settle: async () => {},
    kill9: () => proc.kill('SIGKILL'),
    async restart() {
      await proc.kill('SIGTERM')
      await proc.start(ready)
    },
    async stop() {
      for (const p of others) await p.kill('SIGTERM')
      await proc.kill('SIGTERM')
      await sql.end()
      await db.drop()
      rmSync(keyDir, { recursive: true, force: true })
    },
    paritaire: {
      negotiationId: world.negotiationId,
      editor: api,
      viewer,
      async tailRows(ficheId) {
        // Compaction keeps the folded rows (the attributed history): the tail is what lies past the snapshot.
        const [row] = await sql<{ n: number }[]>`
          select count(*)::int as n from fiche_updates u join fiches f on f.id = u.fiche_id
          where u.fiche_id = ${ficheId} and u.seq > f.snapshot_seq`
        return row?.n ?? 0
      },
      async secondInstance() {
        const second = await spawnInstance()
        others.push(second.proc)
        return {
          client: (docName: string) => new BenchClient({ dialect: 'y-websocket', url: `ws://127.0.0.1:${second.port}/sync/${docName}`, docName, cookie }),
          rssKB: () => second.proc.rssKB(),
          stop: () => second.proc.kill('SIGTERM'),
        }
      },
    },
  }
}

/** Polls `read` until its value has not changed for `quietMs` (at most two minutes). */
async function untilStable(read: () => Promise<string>, quietMs: number): Promise<void> {
  let last = await read()
  let since = Date.now()
  const deadline = Date.now() + 120_000
  while (Date.now() - since < quietMs && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100))
    const now = await read()
    if (now !== last) {
      last = now
      since = Date.now()
    }
  }
}

async function startHocuspocus(kind: ServerKind, env: Record<string, string>): Promise<BenchServer> {
  const db = await createDatabase('bench_hp')
  const sql = postgres(db.url, { max: 1, onnotice: () => {} })
  await sql`create table hp_documents (name text primary key, data bytea not null)`
  const port = await freePort()
  const proc = new Proc(process.execPath, ['--import', 'tsx', 'test/bench/sync/hocuspocus-server.ts'], {
    HP_DATABASE_URL: db.url, PORT: String(port), NODE_ENV: 'production', ...env,
  })
  await proc.start(tcpReady(port))
  let n = 0
  return {
    kind,
    dialect: 'hocuspocus',
    probeUrl: `http://127.0.0.1:${port}/`,
    pid: () => proc.child.pid!,
    output: () => proc.log,
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
    // Its stores are debounced (2 s by default): wait until the stored states stop changing.
    settle: () => untilStable(async () => {
      const rows = await sql<{ h: string }[]>`select coalesce(string_agg(md5(data), ',' order by name), '') as h from hp_documents`
      return rows[0]?.h ?? ''
    }, 3_000),
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
  // The reference server has no import: the first client pushes the state.
  const seed = async (name: string, fiche: Fiche) => {
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
  }
  // LevelDB writes each update asynchronously: done when its files stop changing.
  const storeSignature = async () => readdirSync(dir).map((f) => {
    const st = statSync(join(dir, f))
    return `${f}:${st.size}:${st.mtimeMs}`
  }).sort().join(',')
  return {
    kind: 'y-websocket',
    dialect: 'y-websocket',
    probeUrl: `http://127.0.0.1:${port}/`,
    pid: () => proc.child.pid!,
    output: () => proc.log,
    async createDocs(fiches) {
      const names = fiches.map(() => `doc-${n++}`)
      // Ten at a time: setting up a thousand fiches one by one takes minutes.
      for (let k = 0; k < fiches.length; k += 10) {
        await Promise.all(fiches.slice(k, k + 10).map((fiche, j) => seed(names[k + j]!, fiche)))
      }
      await new Promise((r) => setTimeout(r, 200))
      return names
    },
    client,
    rssKB: () => proc.rssKB(),
    settle: () => untilStable(storeSignature, 2_000),
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
