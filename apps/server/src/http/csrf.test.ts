import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { onError } from '../errors.ts'
import { csrfProtection } from './csrf.ts'

function app() {
  const a = new Hono()
  a.onError(onError)
  a.use('*', csrfProtection(['https://editeur.example']))
  a.all('/x', (c) => c.text('ok'))
  return a
}

const post = (headers: Record<string, string>) => app().request('http://serveur.example/x', { method: 'POST', headers, body: '{}' })

describe('csrfProtection', () => {
  it('lets reads through whatever their headers', async () => {
    expect((await app().request('http://serveur.example/x', { headers: { origin: 'https://ailleurs.example' } })).status).toBe(200)
  })

  it('accepts JSON or X-Requested-With from the same origin or an allowed one', async () => {
    expect((await post({ 'content-type': 'application/json' })).status).toBe(200)
    expect((await post({ 'content-type': 'text/plain', 'x-requested-with': 'paritaire' })).status).toBe(200)
    expect((await post({ 'content-type': 'application/json', origin: 'http://serveur.example', host: 'serveur.example' })).status).toBe(200)
    expect((await post({ 'content-type': 'application/json', origin: 'https://editeur.example' })).status).toBe(200)
  })

  it('refuses what a cross-site form or script could send', async () => {
    const form = await post({ 'content-type': 'application/x-www-form-urlencoded' })
    expect(form.status).toBe(403)
    expect(((await form.json()) as { error: { code: string } }).error.code).toBe('csrf')
    expect((await post({ 'content-type': 'text/plain' })).status).toBe(403)
    expect((await post({ 'content-type': 'application/json', origin: 'https://malveillant.example' })).status).toBe(403)
    expect((await post({ 'content-type': 'application/json', origin: 'null' })).status).toBe(403)
    expect((await post({ 'content-type': 'application/json', origin: 'pas une url' })).status).toBe(403)
    expect((await post({ 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' })).status).toBe(403)
  })
})
