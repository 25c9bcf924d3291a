import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { importTexte } from '@paritaire/schema'
import { describe, expect, it } from 'vitest'
import { runDiffCommand } from './diff-command.ts'

const corpus = fileURLToPath(new URL('../../../../test/fixtures/corpus/', import.meta.url))
const AVENANT = join(corpus, '004_cf39432f65990045.txt')

function sink(tty = false): Writable & { text: () => string; bytes: () => Buffer; isTTY?: boolean } {
  const chunks: Buffer[] = []
  const w = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(Buffer.from(chunk))
      cb()
    },
  }) as Writable & { text: () => string; bytes: () => Buffer; isTTY?: boolean }
  w.text = () => Buffer.concat(chunks).toString('utf8')
  w.bytes = () => Buffer.concat(chunks)
  if (tty) w.isTTY = true
  return w
}

async function run(args: string[], tty = false) {
  const stdout = sink(tty)
  const stderr = sink()
  const code = await runDiffCommand(args, { stdout, stderr })
  return { code, out: stdout.text(), bytes: stdout.bytes(), err: stderr.text() }
}

const dir = mkdtempSync(join(tmpdir(), 'paritaire-diff-cli-'))
/** The 2009 wording: the entry periods were one year. */
const older = join(dir, 'accord-2009.txt')
writeFileSync(older, readFileSync(AVENANT, 'utf8').replace(/\(période maximale de\s+6\s+mois\)/g, '(période maximale de 1 an)'))

describe('paritaire diff', () => {
  it('prints the JSON change set of two importable texts', async () => {
    const r = await run([older, AVENANT])
    expect(r.code).toBe(0)
    const cs = JSON.parse(r.out)
    expect(cs.summary).toEqual({ added: 0, removed: 0, modified: 8, moved: 0, unchanged: 106, typographyOnly: 0 })
    expect(cs.classementChanges).toHaveLength(8)
    expect(cs.classementChanges.every((c: { field: string; old: string; new: string }) => c.field === 'periodeMaximale' && c.old === '1 an' && c.new === '6 mois')).toBe(true)
  })

  it('compares canonical JSON and writes a rendering to a file', async () => {
    const canonical = join(dir, 'avenant.json')
    writeFileSync(canonical, JSON.stringify(importTexte(readFileSync(AVENANT, 'utf8')).texte))
    const same = await run([canonical, AVENANT])
    expect(same.code).toBe(0)
    expect(JSON.parse(same.out)).toMatchObject({ identical: true, summary: { unchanged: 114 } })
    const json = join(dir, 'a.json')
    writeFileSync(json, JSON.stringify({ nope: true }))
    const bad = await run([json, AVENANT])
    expect(bad.code).toBe(2)
    expect(bad.err).toContain('n\'est pas un texte canonique valide')
    const out = join(dir, 'tableau.html')
    const r = await run([older, AVENANT, '--format', 'table', '-o', out])
    expect(r.code).toBe(0)
    expect(readFileSync(out, 'utf8')).toContain('Rédaction proposée')
  })

  it('prints the plain-text redline, with typography ignored on request', async () => {
    const typo = join(dir, 'typo.txt')
    writeFileSync(typo, readFileSync(AVENANT, 'utf8').replaceAll('’', "'"))
    const shown = JSON.parse((await run([AVENANT, typo])).out)
    expect(shown.identical).toBe(false)
    const hidden = JSON.parse((await run([AVENANT, typo, '--ignore-typography'])).out)
    expect(hidden.identical).toBe(true)
    const text = await run([older, AVENANT, '--format', 'text'])
    expect(text.out).toContain('Période maximale : [-1 an-]{+6 mois+}')
  })

  it('refuses a Word document on a terminal, writes it to a pipe', async () => {
    const tty = await run([older, AVENANT, '--format', 'docx'], true)
    expect(tty.code).toBe(2)
    expect(tty.err).toContain('-o FICHIER.docx')
    const piped = await run([older, AVENANT, '--format', 'docx', '--new-org', 'FNP', '--new-date', '2024-03-11'])
    expect(piped.code).toBe(0)
    expect(piped.bytes.subarray(0, 2).toString()).toBe('PK')
  })

  it('gives clear French errors and exit code 2 for bad input', async () => {
    const missing = await run([join(dir, 'absent.txt'), AVENANT])
    expect(missing).toMatchObject({ code: 2 })
    expect(missing.err).toContain('fichier introuvable')
    const broken = join(dir, 'broken.json')
    writeFileSync(broken, '{ "schemaVersion": 1, ')
    expect((await run([broken, AVENANT])).err).toContain("n'est pas un JSON valide")
    const junk = join(dir, 'junk.txt')
    writeFileSync(junk, 'Liste de courses\npain\nlait\n')
    const unrecognised = await run([junk, AVENANT])
    expect(unrecognised.code).toBe(2)
    expect(unrecognised.err).toContain('junk.txt')
    expect((await run([AVENANT])).err).toContain('exactement deux fichiers')
    expect((await run([AVENANT, AVENANT, '--format', 'odt'])).err).toContain('Format inconnu : « odt »')
    expect((await run([AVENANT, AVENANT, '--bogus'])).code).toBe(2)
    const fiche = join(dir, 'fiche.json')
    writeFileSync(fiche, JSON.stringify({ id: 'x', denomination: {} }))
    expect((await run([fiche, fiche])).err).toContain("n'est pas une fiche canonique valide")
  })
})

describe('paritaire diff --family (issue 12)', () => {
  const a = join(corpus, '000_3b919145baffd6f2.txt')
  it('reads both texts in the family given', async () => {
    const { code, out } = await run([a, a, '--family', 'a'])
    expect(code).toBe(0)
    expect(JSON.parse(out).summary.unchanged).toBe(1)
  })
  it('says in French when the family reads no fiche, and refuses an unknown family', async () => {
    const wrong = await run([a, a, '--family=D'])
    expect(wrong.code).toBe(2)
    expect(wrong.err).toMatch(/Aucune fiche trouvée .* famille D/u)
    const unknown = await run([a, a, '--family', 'Z'])
    expect(unknown.code).toBe(2)
    expect(unknown.err).toContain('Famille inconnue « Z »')
  })
})
