/**
 * A pool of worker threads for the CPU-heavy jobs (redlines, DOCX, imports)
 * so that the event loop keeps relaying keystrokes while they run. Jobs wait
 * in a fair queue (one line per user, served in turn, at most `perOwner`
 * running for one user), a worker that dies is replaced and its job fails
 * with a French message, and a job is refused (429) when its user already
 * has too many waiting. With `size` 0 the jobs run in-process (the command
 * line, and tests that compare).
 *
 * @example
 *   const pool = new WorkerPool({ size: 2 })
 *   const out = await pool.run(userId, 'redline', input)
 *   await pool.close()
 */
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { AppError } from '../errors.ts'
import { FairQueue } from './fair-queue.ts'
import { TASKS, type TaskInput, type TaskName, type TaskOutput } from './tasks.ts'

export interface WorkerPoolOptions {
  /** Worker threads (0: run in-process). */
  size: number
  /** Jobs one user may have running at once (default 1). */
  perOwner?: number
  /** Jobs one user may have waiting before new ones are refused (default 8). */
  maxWaitingPerOwner?: number
}

interface Job {
  owner: string
  id: number
  name: TaskName
  input: unknown
  resolve(value: unknown): void
  reject(error: Error): void
}

interface Slot {
  worker: Worker
  job: Job | null
}

/** The compiled server has dist/worker.js beside its chunks; source runs (tests, tsx) load worker.ts through tsx's loader. */
const fromSource = import.meta.url.endsWith('.ts')

function newWorker(): Worker {
  if (!fromSource) return new Worker(new URL('./worker.js', import.meta.url))
  // tsx's ESM API beside the CommonJS one that require.resolve finds.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href
  const entry = new URL('./worker.ts', import.meta.url).href
  // A worker's execArgv cannot carry `--import`: register the loader first, then load the entry.
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}) })`, { eval: true })
}

export class WorkerPool {
  private readonly queue: FairQueue<Job>
  private readonly slots: Slot[] = []
  private readonly maxWaiting: number
  private nextId = 1
  private closed = false

  constructor(private readonly options: WorkerPoolOptions) {
    this.queue = new FairQueue(options.perOwner ?? 1)
    this.maxWaiting = options.maxWaitingPerOwner ?? 8
  }

  get size(): number {
    return this.options.size
  }

  run<N extends TaskName>(owner: string, name: N, input: TaskInput<N>): Promise<TaskOutput<N>> {
    if (this.closed) return Promise.reject(new AppError(503, 'serveur_arret', 'Le serveur s’arrête : réessayez dans un instant.'))
    if (this.options.size === 0) return (TASKS[name] as (i: TaskInput<N>) => Promise<TaskOutput<N>>)(input)
    // Threads start on first use: a context that never runs a job (a command, a test) starts none.
    while (this.slots.length < this.options.size) this.slots.push(this.spawn())
    if (this.queue.waitingFor(owner) >= this.maxWaiting) {
      return Promise.reject(new AppError(429, 'trop_de_travaux', `Vous avez déjà ${this.maxWaiting} calculs en attente (comparaisons, documents, imports) : attendez qu’ils se terminent.`))
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ owner, id: this.nextId++, name, input, resolve: resolve as (v: unknown) => void, reject })
      this.dispatch()
    })
  }

  async close(): Promise<void> {
    this.closed = true
    await Promise.all(this.slots.map((s) => s.worker.terminate()))
  }

  private spawn(): Slot {
    const worker = newWorker()
    // Idle workers must not keep the process alive (the CLI, tests); busy ones are awaited by their caller.
    worker.unref()
    const slot: Slot = { worker, job: null }
    worker.on('message', (msg: { id: number; ok: boolean; result?: unknown; message?: string }) => {
      const job = slot.job
      if (!job || job.id !== msg.id) return
      slot.job = null
      this.queue.done(job.owner)
      if (msg.ok) job.resolve(msg.result)
      else job.reject(new AppError(422, 'calcul_impossible', msg.message ?? 'Le calcul a échoué.'))
      this.dispatch()
    })
    worker.on('error', (err) => this.replace(slot, err))
    worker.on('exit', (code) => { if (!this.closed && code !== 0) this.replace(slot, new Error(`sortie ${code}`)) })
    return slot
  }

  /** A worker died (out of memory, crash): its job fails, a fresh worker takes its place. */
  private replace(slot: Slot, err: Error): void {
    const index = this.slots.indexOf(slot)
    if (index < 0 || this.closed) return
    const job = slot.job
    slot.job = null
    void slot.worker.terminate()
    this.slots[index] = this.spawn()
    if (job) {
      this.queue.done(job.owner)
      job.reject(new AppError(422, 'calcul_interrompu', `Le calcul a été interrompu (${err.message}) : réessayez, ou comparez un texte plus court.`))
    }
    this.dispatch()
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job) continue
      const job = this.queue.take()
      if (!job) return
      slot.job = job
      slot.worker.ref()
      slot.worker.postMessage({ id: job.id, name: job.name, input: job.input })
    }
    // Busy workers keep the process alive until their job is answered.
    for (const slot of this.slots) if (!slot.job) slot.worker.unref()
  }
}
