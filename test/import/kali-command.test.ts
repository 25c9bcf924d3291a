/**
 * `paritaire kali IDCC`: with a small fake `@socialgouv/kali-data` laid out
 * as the real one (package.json, data/index.json, data/KALICONT….json — here
 * the IDCC 2216 extract of test/fixtures/kali), created in a temp directory,
 * the command run there as a real process imports that convention's
 * classification; without the package it says in French how to install it
 * and exits 2. `paritaire help` lists the command.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { runKaliCommand } from '../../apps/server/src/cli/kali-command.ts'
import { texteSchema } from './import-helpers.ts'
import { fixturePath } from './fixtures.ts'

const ROOT = join(import.meta.dirname, '..', '..')
const CONVENTION = 'KALICONT000005635085'

function paritaire(cwd: string, ...args: string[]) {
  const result = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'apps', 'server', 'src', 'cli', 'main.ts'), ...args], {
    cwd, encoding: 'utf8', timeout: 60_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** A project directory with the fake package installed in its node_modules. */
function projectWithKaliData(): string {
  const project = mkdtempSync(join(tmpdir(), 'paritaire-kali-'))
  const pkg = join(project, 'node_modules', '@socialgouv', 'kali-data')
  mkdirSync(join(pkg, 'data'), { recursive: true })
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: '@socialgouv/kali-data', version: '0.0.0-test', main: 'lib/index.js' }))
  writeFileSync(join(pkg, 'data', 'index.json'), JSON.stringify([
    { id: 'KALICONT000005635234', num: 1517, shortTitle: 'Commerce de détail non alimentaire', title: 'Convention collective nationale…' },
    { id: CONVENTION, num: 2216, shortTitle: 'Commerce de détail et de gros à prédominance alimentaire', title: 'Convention collective nationale…' },
  ]))
  copyFileSync(fixturePath('kali/KALICONT000005635085-extrait.json'), join(pkg, 'data', `${CONVENTION}.json`))
  return project
}

function memoryIo() {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (c: Buffer) => { out += c.toString() })
  stderr.on('data', (c: Buffer) => { err += c.toString() })
  return { io: { stdout, stderr }, out: () => out, err: () => err }
}

describe('paritaire kali IDCC', () => {
  it('imports the convention’s classification from an installed @socialgouv/kali-data (subdirectory of the project)', () => {
    const project = projectWithKaliData()
    const sub = join(project, 'negociation')
    mkdirSync(sub)
    const { code, stdout, stderr } = paritaire(sub, 'kali', '2216')
    expect(stderr).toContain(`note : convention d'IDCC 2216 (« Commerce de détail et de gros à prédominance alimentaire ») lue dans @socialgouv/kali-data 0.0.0-test`)
    expect(code).toBe(0)
    const texte = texteSchema.parse(JSON.parse(stdout))
    expect(texte.idcc).toBe('2216')
    expect(texte.fiches.length).toBeGreaterThan(0)
    expect(stderr).toContain('Partie lue')
    expect(stderr).toMatch(/fiche\(s\) importée\(s\) de .*KALICONT000005635085\.json \(KALI\)/u)
  })

  it('says which IDCC the package does not hold, exit 2', async () => {
    const project = projectWithKaliData()
    const { io, err } = memoryIo()
    expect(await runKaliCommand(['9999'], io, [project])).toBe(2)
    expect(err()).toContain("aucune convention d'IDCC 9999 dans @socialgouv/kali-data")
  })

  it('without the package, says in French how to install it, exit 2', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'paritaire-kali-vide-'))
    const { io, out, err } = memoryIo()
    expect(await runKaliCommand(['2216'], io, [empty])).toBe(2)
    expect(out()).toBe('')
    expect(err()).toContain("Le paquet @socialgouv/kali-data n'est pas installé")
    expect(err()).toContain('npm install @socialgouv/kali-data')
  })

  it('refuses a missing or malformed IDCC, and is listed by paritaire help', async () => {
    const { io, err } = memoryIo()
    expect(await runKaliCommand([], io, [])).toBe(2)
    expect(err()).toContain("indiquez l'IDCC")
    expect(await runKaliCommand(['../etc'], io, [])).toBe(2)
    expect(err()).toContain('IDCC invalide')
    const help = paritaire(ROOT, 'help')
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('kali IDCC')
    expect(help.stdout).toContain('npm install @socialgouv/kali-data')
  })
})
