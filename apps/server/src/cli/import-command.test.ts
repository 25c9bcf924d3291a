/**
 * The `import` command as a function: arguments, output formats, warnings on
 * stderr and exit codes, with in-memory streams.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { texteSchema } from '@paritaire/schema'
import { runImportCommand } from './import-command.ts'

const CORPUS = join(import.meta.dirname, '..', '..', '..', '..', 'test', 'fixtures', 'corpus')

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] }
  stdout.on('data', (c: Buffer) => chunks.out.push(c))
  stderr.on('data', (c: Buffer) => chunks.err.push(c))
  const code = await runImportCommand(args, { stdout, stderr })
  return { code, stdout: Buffer.concat(chunks.out).toString('utf8'), stderr: Buffer.concat(chunks.err).toString('utf8') }
}

describe('runImportCommand', () => {
  it('prints canonical JSON with fiches at the top level, warnings with line numbers on stderr', async () => {
    const { code, stdout, stderr } = await run([join(CORPUS, '004_cf39432f65990045.txt')])
    expect(code).toBe(0)
    const texte = texteSchema.parse(JSON.parse(stdout))
    expect(texte.fiches).toHaveLength(114)
    expect(stdout.startsWith('{\n  "schemaVersion": 1,')).toBe(true)
    expect(stderr).toContain('avertissement [PAGE_FURNITURE] Ligne 55 :')
    expect(stderr).toContain('114 fiche(s) importée(s)')
  })

  it('writes Markdown and plain text', async () => {
    const md = await run([join(CORPUS, '001_a86e5bfeabd00ea9.txt'), '--format', 'md'])
    expect(md.code).toBe(0)
    expect(md.stdout).toContain('Gestionnaire')
    expect(md.stdout).not.toContain('"schemaVersion"')
    const text = await run([join(CORPUS, '001_a86e5bfeabd00ea9.txt'), '--format=text'])
    expect(text.code).toBe(0)
    expect(text.stdout).toContain("Gestion de l'informatique interne")
  })

  it('forces a family with --family', async () => {
    const { code, stdout } = await run([join(CORPUS, '000_3b919145baffd6f2.txt'), '--family', 'a'])
    expect(code).toBe(0)
    expect(JSON.parse(stdout).family).toBe('A')
  })

  it('exits 2 when the forced family finds no fiche (issue 12), printing nothing on stdout', async () => {
    const { code, stdout, stderr } = await run([join(CORPUS, '000_3b919145baffd6f2.txt'), '--family', 'd'])
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toMatch(/^Erreur \[NO_FICHE\] : Aucune fiche trouvée/u)
  })

  it('exits 2 with a French message on bad arguments', async () => {
    for (const args of [[], ['a.txt', 'b.txt'], ['a.txt', '--format', 'xml'], ['a.txt', '--family', 'Z'], ['a.txt', '--verbose', 'x'], ['a.txt', '--format']]) {
      const { code, stderr, stdout } = await run(args)
      expect(code).toBe(2)
      expect(stdout).toBe('')
      expect(stderr).toMatch(/^Erreur : /u)
      expect(stderr).toContain('Utilisation : paritaire import')
    }
  })

  it('exits 2 on a missing, empty, binary or unrecognised file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paritaire-import-'))
    const files = {
      empty: join(dir, 'vide.txt'),
      binary: join(dir, 'image.png'),
      latin1: join(dir, 'latin1.txt'),
      letter: join(dir, 'lettre.txt'),
    }
    writeFileSync(files.empty, '')
    writeFileSync(files.binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]))
    writeFileSync(files.latin1, Buffer.from('Filière vente\n155. Employé\n', 'latin1'))
    writeFileSync(files.letter, 'Bonjour,\nà bientôt.\n')
    const expected: [string, string][] = [
      [join(dir, 'absent.txt'), 'Fichier introuvable'],
      [dir, 'est un dossier'],
      [files.empty, '[EMPTY_SOURCE]'],
      [files.binary, '[BINARY_SOURCE]'],
      [files.latin1, '[INVALID_UTF8]'],
      [files.letter, '[UNRECOGNISED_FORMAT]'],
    ]
    for (const [file, message] of expected) {
      const { code, stdout, stderr } = await run([file])
      expect(code).toBe(2)
      expect(stdout).toBe('')
      expect(stderr).toContain(message)
    }
  })
})
