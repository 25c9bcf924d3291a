/**
 * The worker pool runs redlines in worker threads: same result as in-process,
 * the event loop free meanwhile, one user's flood served in turn with
 * another user's request, failures answered in French.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { importTexte, type Texte } from '@paritaire/schema'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WorkerPool } from './pool.ts'
import type { RedlineInput } from './tasks.ts'

const corpus = join(import.meta.dirname, '..', '..', '..', '..', 'test', 'fixtures', 'corpus')
let newer: Texte
let older: Texte
const input = (format: RedlineInput['format']): RedlineInput => ({
  older, newer, format, chain: null, ignoreTypography: false, title: '',
  olderMeta: { organisation: 'FNP', date: '2009-12-09', label: 'Accord 2009' },
  newerMeta: { organisation: 'FNP', date: '2024-03-11', label: 'Avenant 2024' },
})

beforeAll(() => {
  newer = importTexte(readFileSync(join(corpus, '004_cf39432f65990045.txt'), 'utf8')).texte
  older = JSON.parse(JSON.stringify(newer).replaceAll('"periodeMaximale":"6 mois"', '"periodeMaximale":"1 an"')) as Texte
})

describe('WorkerPool', () => {
  let pool: WorkerPool
  beforeAll(() => { pool = new WorkerPool({ size: 2 }) })
  afterAll(async () => { await pool.close() })

  it('gives the same redline as in-process', async () => {
    const inline = new WorkerPool({ size: 0 })
    const [viaWorker, viaInline] = await Promise.all([pool.run('u1', 'redline', input('json')), inline.run('u1', 'redline', input('json'))])
    expect(viaWorker.kind).toBe('text')
    expect(JSON.parse(viaWorker.body as string).summary).toEqual(JSON.parse(viaInline.body as string).summary)
    const docx = await pool.run('u1', 'redline', input('docx'))
    expect(docx.kind).toBe('bytes')
    expect(Buffer.from(docx.body as Uint8Array).subarray(0, 2).toString()).toBe('PK')
  }, 60_000)

  it('leaves the event loop free while redlines run', async () => {
    let ticks = 0
    const timer = setInterval(() => { ticks++ }, 5)
    await Promise.all(Array.from({ length: 4 }, (_, i) => pool.run(`u${i}`, 'redline', input('docx'))))
    clearInterval(timer)
    // In-process, the four renders would hold the loop and the timer would barely run.
    let blockedTicks = 0
    const blocked = setInterval(() => { blockedTicks++ }, 5)
    const inline = new WorkerPool({ size: 0 })
    for (let i = 0; i < 4; i++) await inline.run('u', 'redline', input('docx'))
    clearInterval(blocked)
    expect(ticks).toBeGreaterThan(blockedTicks)
  }, 60_000)

  it('serves another user before the rest of one user’s flood', async () => {
    const single = new WorkerPool({ size: 1, perOwner: 1 })
    try {
      const finished: string[] = []
      const flood = Array.from({ length: 5 }, (_, i) => single.run('flooder', 'redline', input('text')).then(() => { finished.push(`flooder${i}`) }))
      const other = single.run('other', 'redline', input('text')).then(() => { finished.push('other') })
      await Promise.all([...flood, other])
      expect(finished.indexOf('other')).toBeLessThanOrEqual(2)
    } finally {
      await single.close()
    }
  }, 60_000)

  it('refuses a user past their waiting bound, and answers a failed job in French', async () => {
    const small = new WorkerPool({ size: 1, maxWaitingPerOwner: 2 })
    try {
      const jobs = Array.from({ length: 4 }, () => small.run('u', 'redline', input('text')).then(() => 'ok', (e: Error & { status?: number }) => e.status))
      expect(await Promise.all(jobs)).toContain(429)
      const bad = await small.run('u', 'redline', { ...input('text'), newer: null as unknown as Texte }).catch((e: Error & { status?: number; code?: string }) => e)
      expect(bad).toMatchObject({ status: 422, code: 'calcul_impossible' })
    } finally {
      await small.close()
    }
  }, 60_000)
})
