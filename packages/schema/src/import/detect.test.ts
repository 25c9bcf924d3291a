import { describe, expect, it } from 'vitest'
import { detectFamily } from './detect.ts'
import { decodeSource, assertTextual } from './decode.ts'
import { ImportError } from './errors.ts'

describe('detectFamily', () => {
  it('recognises each family by its marks', () => {
    expect(detectFamily('**1/ Dénominations de la qualification :**\nX\n**2/ Objet de la qualification :**\n**4/ Classement :**\n')).toBe('A')
    expect(detectFamily('AGENT\n\nFinalité et missions\n\nExigences\n\nCritères d\'exigences\tConnaissances\n')).toBe('B')
    expect(detectFamily('VENDEUR\nFilière\nVente\nFinalités du poste et principales activités\nAnalyse selon les critères de classification\n')).toBe('C')
    expect(detectFamily(' Filière magasin\n\n155. Opérateur vendeur\n\n165. Opérateur\n\n175. Vendeur\n')).toBe('D')
  })
  it('returns null for other texts', () => {
    expect(detectFamily('Compte rendu de la réunion du 12 juin.\nPrésents : FNP, CFDT.\n')).toBeNull()
  })
})

describe('decodeSource / assertTextual', () => {
  it('decodes UTF-8 and drops a BOM', () => {
    expect(decodeSource(new TextEncoder().encode('\uFEFFFilière'))).toBe('Filière')
  })
  it('refuses binary, invalid UTF-8 and empty text with codes', () => {
    const code = (run: () => unknown) => {
      try {
        run()
        return null
      } catch (err) {
        return err instanceof ImportError ? err.code : 'other'
      }
    }
    expect(code(() => decodeSource(new Uint8Array([0x41, 0x00])))).toBe('BINARY_SOURCE')
    expect(code(() => decodeSource(new Uint8Array([0xe9, 0x74, 0xe9])))).toBe('INVALID_UTF8')
    expect(code(() => assertTextual('\n \n'))).toBe('EMPTY_SOURCE')
    expect(code(() => assertTextual('\uFFFD'.repeat(20) + 'abc'))).toBe('BINARY_SOURCE')
    expect(code(() => assertTextual('une lettre illisible : l’�volution'))).toBeNull()
  })
})
