import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importTexte, normalizeTexte, validateTexte } from '@paritaire/schema'

const fixtures = join(import.meta.dirname, '..', 'fixtures')
const sources = [
  ...readdirSync(join(fixtures, 'corpus')).map((f) => join(fixtures, 'corpus', f)),
  join(fixtures, 'family-c-proposition.txt'),
]

describe('importers return canonical texts', () => {
  it.each(sources)('%s is already in canonical form', (file) => {
    const { texte } = importTexte(readFileSync(file, 'utf8'), { fileName: file })
    expect(normalizeTexte(texte)).toEqual(texte)
    const checked = validateTexte(texte)
    expect(checked.ok && checked.value).toEqual(texte)
  })
})
