/**
 * `paritaire import` as a real process (tsx on the CLI entry point, as
 * `npm run paritaire -- import …` runs it): JSON on stdout with `fiches` at
 * the top level, warnings on stderr, exit code 2 on a binary file.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { texteSchema } from './import-helpers.ts'
import { CORPUS, fixturePath } from './fixtures.ts'

const ROOT = join(import.meta.dirname, '..', '..')

function paritaire(...args: string[]) {
  const result = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'apps', 'server', 'src', 'cli', 'main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 50_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('paritaire import (real process)', () => {
  it('prints the Texte as JSON with fiches at the top level', () => {
    const { code, stdout, stderr } = paritaire('import', fixturePath(CORPUS.B))
    expect(code).toBe(0)
    const json = JSON.parse(stdout) as Record<string, unknown>
    expect(Object.keys(json)).toContain('fiches')
    const texte = texteSchema.parse(json)
    expect(texte.fiches).toHaveLength(51)
    expect(texte.family).toBe('B')
    expect(stderr).toContain('avertissement [LEVEL_DEFINITION_VARIANT] Ligne 915')
  })

  it('exits 2 with a French message on a binary file, printing nothing on stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paritaire-cli-'))
    const file = join(dir, 'image.bin')
    writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00]))
    const { code, stdout, stderr } = paritaire('import', file)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain('[BINARY_SOURCE]')
    expect(stderr).toContain('texte brut')
  })

  it('exits 2 with a French message on a damaged Word file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paritaire-cli-'))
    const file = join(dir, 'fiche.docx')
    writeFileSync(file, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00]))
    const { code, stdout, stderr } = paritaire('import', file)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain('[DOCX_INVALID]')
    expect(stderr).toContain('Document Word endommagé')
  })
})
