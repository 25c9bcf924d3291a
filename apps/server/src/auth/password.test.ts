import { describe, expect, it } from 'vitest'
import { hashPassword, passwordProblem, verifyPassword } from './password.ts'

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse')
    expect(hash.startsWith('scrypt$')).toBe(true)
    expect(await verifyPassword('correct horse', hash)).toBe(true)
    expect(await verifyPassword('correct horsf', hash)).toBe(false)
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false)
  })

  it('salts each hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'))
  })

  it('rejects too short passwords with a French message', () => {
    expect(passwordProblem('court')).toMatch(/au moins 8/)
    expect(passwordProblem('assez long')).toBeNull()
  })
})
