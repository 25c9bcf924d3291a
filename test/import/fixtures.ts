/**
 * Reads the test copies of the corpus (never ../shared) and the family C
 * sample, for the import tests.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures')

export const CORPUS = {
  A0: 'corpus/000_3b919145baffd6f2.txt',
  A1: 'corpus/001_a86e5bfeabd00ea9.txt',
  B: 'corpus/002_6cd951afcde3cdbf.txt',
  C: 'family-c-proposition.txt',
  D: 'corpus/004_cf39432f65990045.txt',
} as const

export function fixturePath(name: string): string {
  return join(FIXTURES_DIR, name)
}

export function readFixture(name: string): string {
  return readFileSync(fixturePath(name), 'utf8')
}
