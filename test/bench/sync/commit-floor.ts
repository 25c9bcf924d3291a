/**
 * The floor under every durable fan-out: one Postgres commit of one small
 * row, waited for as Paritaire waits for its own (synchronous_commit on,
 * the WAL flushed to disk), on the database the servers use, paced like a
 * typist so that no group commit hides it. Paritaire relays an update only
 * after such a commit; the peers relay first, so this is the latency they
 * do not pay. Measured in the same run as the fan-out, on the same disk.
 */
import postgres from 'postgres'
import { PG_URL } from './servers.ts'
import { percentile, round1, sleep } from './stats.ts'

export interface CommitFloor {
  p50: number
  p99: number
  commits: number
}

export async function durableCommitFloor(commits = 400, gapMs = 5): Promise<CommitFloor> {
  const sql = postgres(PG_URL, { max: 1, onnotice: () => {} })
  const table = `bench_commit_floor_${process.pid}`
  try {
    await sql.unsafe(`create table ${table} (id bigserial primary key, data bytea not null)`)
    const row = Buffer.alloc(40, 1)
    const times: number[] = []
    for (let i = 0; i < commits + 20; i++) {
      const t0 = performance.now()
      await sql.unsafe(`insert into ${table} (data) values ($1)`, [row])
      if (i >= 20) times.push(performance.now() - t0) // the first ones warm the connection up
      await sleep(gapMs)
    }
    return { p50: round1(percentile(times, 50)), p99: round1(percentile(times, 99)), commits }
  } finally {
    await sql.unsafe(`drop table if exists ${table}`).catch(() => {})
    await sql.end()
  }
}
