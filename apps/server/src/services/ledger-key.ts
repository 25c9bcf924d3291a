/**
 * The server's signing key for the ledger: an Ed25519 key pair in a PEM file
 * outside the database (`PARITAIRE_KEY_FILE`, by default
 * `DATA_DIR/ledger-key.pem`), created with mode 0600 on first start. Whoever
 * owns the database can rewrite rows and recompute hashes, but cannot sign
 * the rewritten chain head: that is what makes a rewrite detectable. The
 * public key is given out (`GET /api/ledger/key`) so that anyone can check a
 * published text offline.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

export interface LedgerKey {
  publicKeyPem: string
  /** sha256 of the public key (SPKI DER), hex: names the key in every signed statement. */
  keyId: string
  sign(data: string): string
}

const cache = new Map<string, LedgerKey>()

function readOrCreate(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOENT') throw err
  }
  const { privateKey } = generateKeyPairSync('ed25519')
  mkdirSync(dirname(path), { recursive: true })
  try {
    // 'wx': two processes starting together never overwrite each other's key.
    writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, { mode: 0o600, flag: 'wx' })
  } catch (err) {
    if ((err as { code?: string }).code !== 'EEXIST') throw err
  }
  return readFileSync(path, 'utf8')
}

export function keyIdOf(publicKeyPem: string): string {
  return createHash('sha256').update(createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' })).digest('hex')
}

/** The key at `path`, generated there when missing; read once per process. */
export function ledgerKey(path: string): LedgerKey {
  const cached = cache.get(path)
  if (cached) return cached
  const privateKey: KeyObject = createPrivateKey(readOrCreate(path))
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }) as string
  const key: LedgerKey = {
    publicKeyPem,
    keyId: keyIdOf(publicKeyPem),
    sign: (data) => sign(null, Buffer.from(data, 'utf8'), privateKey).toString('base64'),
  }
  cache.set(path, key)
  return key
}

/** Checks an Ed25519 signature (base64) of `data` against a PEM public key; false on any malformed input. */
export function verifySignature(publicKeyPem: string, data: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(data, 'utf8'), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'))
  } catch {
    return false
  }
}
