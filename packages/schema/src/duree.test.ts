import { describe, expect, it } from 'vitest'
import { parseDuree } from './duree.ts'
import { validateFiche } from './validate.ts'
import { emptyFiche } from './factory.ts'

describe('parseDuree', () => {
  it.each([
    ['6 mois', 6, '6 mois'],
    ['1 an', 12, '1 an'],
    ['3 ans', 36, '3 ans'],
    ['18 MOIS', 18, '18 mois'],
    ['un an', 12, '1 an'],
    ['2 années', 24, '2 ans'],
    ['1,5 an', 18, '1,5 an'],
  ])('reads « %s »', (text, months, canonical) => {
    expect(parseDuree(text)).toEqual({ months, text: canonical })
  })

  it.each(['beaucoup', '3 semaines', '', '0 mois', '200 ans', '6', 'mois'])('refuses « %s »', (text) => {
    expect(parseDuree(text)).toBeNull()
  })

  it('is what validation checks: the server refuses what the editor refuses', () => {
    const fiche = emptyFiche('f1', 'Vendeur')
    fiche.classement.periodeMaximale = 'beaucoup'
    const result = validateFiche(fiche)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues[0]!.message).toContain('une durée en mois ou en années est attendue')
    expect(result.issues[0]!.message).toContain('« beaucoup »')
    fiche.classement.periodeMaximale = '6 mois'
    expect(validateFiche(fiche).ok).toBe(true)
  })
})
