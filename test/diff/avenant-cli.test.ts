/**
 * `paritaire avenant` and `paritaire diff --format pdf|grille` as a user
 * runs them: real processes through the command line entry point, real
 * chromium for the PDFs, read back with pdftotext.
 */
import { execFileSync, spawn } from 'node:child_process'
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

describe('paritaire avenant (process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paritaire-avenant-cli-'))
  const older = join(dir, 'accord-2009.txt')
  writeFileSync(older, corpusSource(AVENANT_004).replace(/\(période maximale de\s+6\s+mois\)/g, '(période maximale de 1 an)').replaceAll('’', "'"))
  const newer = corpusPath(AVENANT_004)

  it('drafts the avenant as text, one article per période changed', async () => {
    const r = await paritaire(['avenant', older, newer, '--numero', '3', '--date', '2024-03-11', '--lieu', 'Paris', '--employeurs', 'FNP,FFPMI', '--salaries', 'FS CFDT,CAT'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain("Avenant n° 3 du 11 mars 2024 à l'accord du 9 décembre 2009 relatif aux classifications")
    expect(r.stdout).toContain('Le présent avenant a pour objet de réduire la période maximale')
    expect((r.stdout.match(/sont remplacés par les mots : « période maximale de 6 mois »/g) ?? []).length).toBe(8)
    expect(r.stdout).toContain('Fait à Paris, le 11 mars 2024.')
    expect(r.stdout).toContain('Pour FFPMI :')
  })

  it('writes the avenant as PDF with its annex, and refuses bad options in French', async () => {
    const out = join(dir, 'avenant.pdf')
    const r = await paritaire(['avenant', older, newer, '--format', 'pdf', '--annexe', '-o', out])
    expect(r.code, r.stderr).toBe(0)
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' }).replaceAll('\u00AD', '')
    expect(text).toContain('Il a été convenu ce qui suit')
    expect(text).toMatch(/Page 1 sur \d+/)
    const bad = await paritaire(['avenant', older, newer, '--format', 'odt'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('Format inconnu : « odt »')
    const one = await paritaire(['avenant', older])
    expect(one.code).toBe(2)
    expect(one.stderr).toContain('Il faut deux textes')
  }, 60_000)

  it('diff writes the tableau comparatif as PDF and the grid as SVG', async () => {
    const pdf = join(dir, 'tableau.pdf')
    const r = await paritaire(['diff', older, newer, '--format', 'pdf', '--ignore-typography', '-o', pdf])
    expect(r.code, r.stderr).toBe(0)
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replaceAll('\u00AD', '')
    expect(text).toContain('Rédaction actuelle')
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Page size:\s+841\.\d+ x 59[45]\.\d+/)
    const svg = await paritaire(['diff', older, newer, '--format', 'grille'])
    expect(svg.code).toBe(0)
    expect(svg.stdout).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/)
    expect(readFileSync(pdf).subarray(0, 4).toString()).toBe('%PDF')
  }, 60_000)
})
