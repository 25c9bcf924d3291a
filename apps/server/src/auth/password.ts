/**
 * Password hashing with scrypt (node:crypto), encoded as
 * `scrypt$N$r$p$salt$hash` (base64) so that the cost can be raised later
 * without breaking existing hashes. Verification is constant-time.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto'

const N = 16384
const R = 8
const P = 1
const KEY_LENGTH = 32

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key)))
  })
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await scrypt(password, salt, KEY_LENGTH, { N, r: R, p: P })
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$')
}

export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = encoded.split('$')
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64')
  const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n), r: Number(r), p: Number(p), maxmem: 256 * Number(n) * Number(r),
  })
  return key.length === expected.length && timingSafeEqual(key, expected)
}

/** Minimum acceptable password, checked when an operator creates a user. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return 'Le mot de passe doit compter au moins 8 caractères.'
  if (password.length > 1024) return 'Le mot de passe est trop long (1024 caractères au plus).'
  return null
}
