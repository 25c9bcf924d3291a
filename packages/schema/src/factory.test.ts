import { describe, expect, it } from 'vitest'
import { emptyFiche, emptyTexte, ficheSchema, texteSchema, SECTION_NAMES } from './index.ts'

describe('empty values', () => {
  it('are valid canonical JSON with every section present, in order', () => {
    const fiche = emptyFiche('f1', 'Gestionnaire')
    expect(ficheSchema.parse(fiche)).toEqual(fiche)
    expect(Object.keys(fiche).slice(1)).toEqual([...SECTION_NAMES])
    expect(texteSchema.parse(emptyTexte('Accord'))).toEqual(emptyTexte('Accord'))
  })

  it('rejects a fiche with a missing section', () => {
    const { contenu: _, ...partial } = emptyFiche('f1')
    expect(ficheSchema.safeParse(partial).success).toBe(false)
  })
})
