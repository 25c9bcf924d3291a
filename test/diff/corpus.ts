/**
 * The corpus texts the diff tests compare, imported with the real importer
 * from test/fixtures/corpus (the copies, not ../shared).
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { importTexte, type Texte } from '@paritaire/schema'

export const AVENANT_004 = '004_cf39432f65990045.txt'
export const REPERTOIRE_002 = '002_6cd951afcde3cdbf.txt'

export function corpusPath(file: string): string {
  return fileURLToPath(new URL(`../fixtures/corpus/${file}`, import.meta.url))
}

export function corpusSource(file: string): string {
  return readFileSync(corpusPath(file), 'utf8')
}

export function importCorpus(file: string, source = corpusSource(file)): Texte {
  return importTexte(source, { fileName: file }).texte
}
