/**
 * The built editor as the server sends it: hashed assets cached for a year
 * as immutable and sent precompressed (brotli, else gzip) as the browser
 * accepts, the page itself revalidated on each use.
 */
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startAppServer, type AppServer } from '../utils/app-server.ts'
import { databaseTargets } from '../utils/db.ts'

const dist = join(import.meta.dirname, '..', '..', 'apps', 'editor', 'dist')
let server: AppServer
beforeAll(async () => { server = await startAppServer(databaseTargets()[0]!) })
afterAll(async () => { await server?.stop() })

// The largest script the built page loads, whatever its chunk is named
// (a tiny runtime chunk may not be worth compressing).
function script(): string {
  const page = readFileSync(join(dist, 'index.html'), 'utf8')
  const scripts = [...page.matchAll(/<script type="module"[^>]*\ssrc="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!)
  if (scripts.length === 0) throw new Error('index.html loads no hashed module script')
  return scripts.sort((a, b) => statSync(join(dist, 'assets', b)).size - statSync(join(dist, 'assets', a)).size)[0]!
}

it('sends a hashed script brotli- or gzip-compressed as accepted, immutable for a year', async () => {
  const path = `/assets/${script()}`
  const plain = await fetch(`${server.url}${path}`, { headers: { 'Accept-Encoding': 'identity' } })
  expect(plain.status).toBe(200)
  expect(plain.headers.get('content-encoding')).toBeNull()
  const original = Buffer.from(await plain.arrayBuffer())
  expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')

  // fetch would decode for us: read the raw bytes through node:http semantics instead.
  for (const [encoding, decode] of [['br', brotliDecompressSync], ['gzip', gunzipSync]] as const) {
    const res = await rawGet(path, encoding)
    expect(res.headers['content-encoding']).toBe(encoding)
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i)
    expect(res.body.length).toBeLessThan(original.length / 2)
    expect(decode(res.body).equals(original)).toBe(true)
  }
})

it('revalidates the page itself, under any client route', async () => {
  for (const path of ['/', '/index.html', '/negociations']) {
    const res = await rawGet(path, 'br')
    expect(res.status, path).toBe(200)
    expect(res.headers['cache-control'], path).toBe('no-cache')
  }
})

async function rawGet(path: string, encoding: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const { request } = await import('node:http')
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { headers: { 'Accept-Encoding': encoding } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}
