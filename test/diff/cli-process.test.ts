/**
 * `paritaire diff` as a user runs it: a real process through the command
 * line entry point. JSON on stdout by default, a Word file with -o, and a
 * French message with exit code 2 for an unreadable input.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AVENANT_004, corpusPath, corpusSource } from './corpus.ts'

const ROOT = join(import.meta.dirname, '..', '..')

function paritaire(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['apps/server/src/cli/main.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString() })
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString() })
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}

describe('paritaire diff (process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paritaire-diff-process-'))
  const older = join(dir, 'accord-2009.txt')
  writeFileSync(older, corpusSource(AVENANT_004).replace(/\(période maximale de\s+6\s+mois\)/g, '(période maximale de 1 an)'))

  it('prints the change set as JSON and writes a Word file with -o', async () => {
    const json = await paritaire(['diff', older, corpusPath(AVENANT_004)])
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout).summary).toEqual({ added: 0, removed: 0, modified: 8, moved: 0, unchanged: 106, typographyOnly: 0 })
    const out = join(dir, 'avenant.docx')
    const docx = await paritaire(['diff', older, corpusPath(AVENANT_004), '--format', 'docx', '--new-org', 'FNP', '-o', out])
    expect(docx.code).toBe(0)
    expect(docx.stderr).toContain(`Comparaison écrite dans ${out}`)
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK')
  })

  it('exits with 2 and a French message for an unreadable input', async () => {
    const r = await paritaire(['diff', join(dir, 'absent.json'), corpusPath(AVENANT_004)])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('Impossible de lire')
    expect(r.stdout).toBe('')
  })
})
