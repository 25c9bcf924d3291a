/**
 * The waiting line of the worker pool: one FIFO per owner (a user), served
 * round-robin, with a bound on how many jobs one owner may have running at
 * once. Eight DOCX redlines asked by one member then wait behind each other,
 * and another member's request is served next, not ninth. Pure: no workers,
 * no timers; the pool asks it for the next job whenever a worker is free.
 */
export interface QueuedJob {
  owner: string
}

export class FairQueue<J extends QueuedJob> {
  private readonly lines = new Map<string, J[]>()
  private readonly running = new Map<string, number>()
  /** Owners in the order they are served; an owner moves to the back once served. */
  private order: string[] = []

  constructor(private readonly perOwner: number) {}

  get waiting(): number {
    let n = 0
    for (const line of this.lines.values()) n += line.length
    return n
  }

  /** Jobs waiting for one owner (to refuse a flood before it queues). */
  waitingFor(owner: string): number {
    return this.lines.get(owner)?.length ?? 0
  }

  push(job: J): void {
    const line = this.lines.get(job.owner)
    if (line) line.push(job)
    else {
      this.lines.set(job.owner, [job])
      if (!this.order.includes(job.owner)) this.order.push(job.owner)
    }
  }

  /** The next job to run, or null when every waiting owner is at its bound (or nobody waits). */
  take(): J | null {
    for (let i = 0; i < this.order.length; i++) {
      const owner = this.order[i]!
      const line = this.lines.get(owner)
      if (!line || line.length === 0 || (this.running.get(owner) ?? 0) >= this.perOwner) continue
      const job = line.shift()!
      if (line.length === 0) this.lines.delete(owner)
      this.running.set(owner, (this.running.get(owner) ?? 0) + 1)
      this.order.splice(i, 1)
      if (this.lines.has(owner)) this.order.push(owner)
      return job
    }
    return null
  }

  /** A job of `owner` has finished. */
  done(owner: string): void {
    const n = (this.running.get(owner) ?? 1) - 1
    if (n <= 0) this.running.delete(owner)
    else this.running.set(owner, n)
    if (this.lines.has(owner) && !this.order.includes(owner)) this.order.push(owner)
  }
}
