/**
 * The login rate limit holds under concurrency: every attempt is counted
 * before its password is checked, so a burst of simultaneous guesses gets no
 * more evaluations than the limit, and the right password sent in the middle
 * of a burst is refused once the limit is reached. One password tried on
 * many accounts from one address (spraying) is limited too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApiWorld, type ApiWorld } from '../utils/api-world.ts'
import { databaseTargets } from '../utils/db.ts'
import { ApiClient } from '../utils/http.ts'
import { PASSWORD } from '../utils/seed.ts'

const LIMIT = 10

describe.each(databaseTargets())('login rate limit under concurrency ($name)', (target) => {
  let w: ApiWorld
  beforeAll(async () => { w = await startApiWorld(target, { LOGIN_MAX_ATTEMPTS: String(LIMIT) }) })
  afterAll(async () => { await w?.stop() })

  const login = (email: string, password: string) => new ApiClient(w.server.url).post('/api/auth/login', { email, password })

  it('evaluates at most the limit among 300 concurrent wrong guesses for one email', async () => {
    const answers = await Promise.all(Array.from({ length: 300 }, (_, i) => login(w.users.commenter.email, `faux-${i}`)))
    const statuses = answers.map((a) => a.status)
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(LIMIT)
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(300 - LIMIT)
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true)
  })

  it('refuses the right password sent among 60 concurrent wrong ones once over the limit', async () => {
    const email = w.users.viewer.email
    // Sent together; the right one goes out after 40 wrong ones, far past the limit of 10.
    const answers = await Promise.all(Array.from({ length: 61 }, (_, i) => login(email, i === 40 ? PASSWORD : `mauvais-${i}`)))
    const right = answers[40]!
    expect(answers.filter((a) => a.status === 401).length).toBeLessThanOrEqual(LIMIT)
    expect(right.status).toBe(429)
    expect(right.json.error.code).toBe('trop_de_tentatives')
  })

  it('limits one password sprayed across many emails from one address', async () => {
    const answers = []
    for (let i = 0; i < LIMIT + 5; i++) answers.push((await login(`personne-${i}@exemple.fr`, 'Printemps2026!')).status)
    expect(answers.slice(0, LIMIT).every((s) => s === 401)).toBe(true)
    expect(answers.slice(LIMIT)).toEqual(Array(5).fill(429))
    // Another password from the same address, and the right one for a real account, still work.
    expect((await login('quelquun@exemple.fr', 'autre-essai')).status).toBe(401)
    expect((await login(w.users.editor.email, PASSWORD)).status).toBe(200)
  })
})
