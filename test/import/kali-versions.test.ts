/**
 * End to end: a KALI convention, then a later version of it (a copy of the
 * sample edited as Légifrance would publish it: one article changed — new
 * version id, same cid —, one added, one removed), each imported by the real
 * `paritaire import` and compared by `paritaire diff`: every fiche present on
 * both sides is aligned by its KALI cid, never by guessing.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { texteSchema } from '@paritaire/schema'
import { readFixture } from './fixtures.ts'

const ROOT = join(import.meta.dirname, '..', '..')

function paritaire(...args: string[]) {
  const result = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'apps', 'server', 'src', 'cli', 'main.ts'), ...args], {
    cwd: ROOT, encoding: 'utf8', timeout: 60_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

interface Node { type: string; data: Record<string, unknown>; children: Node[] }

function find(node: Node, cid: string): Node | null {
  if (node.data.cid === cid) return node
  for (const child of node.children ?? []) {
    const found = find(child, cid)
    if (found) return found
  }
  return null
}

/** The later version: article of Annexe III amended, one article added to it, Annexe II's article 9 removed. */
function laterVersion(source: string): string {
  const root = JSON.parse(source) as Node
  const amended = find(root, 'KALIARTI000005771326') as Node
  amended.data.id = 'KALIARTI000099000001'
  amended.data.content = String(amended.data.content).replace('Dirige un hypermarché.', 'Dirige un hypermarché et ses services logistiques.')
  const annexe3 = find(root, 'KALISCTA000005691961') as Node
  annexe3.children.push({ type: 'article', data: {
    cid: 'KALIARTI000099000002', id: 'KALIARTI000099000002', num: '10', intOrdre: 2, etat: 'VIGUEUR',
    content: '<table><tr><th>Fonctions repères</th><th>Définitions</th><th>Niveaux</th></tr><tr><td>Responsable RSE</td><td>Conduit la politique de responsabilité sociale et environnementale.</td><td>8</td></tr></table>',
  }, children: [] })
  const section9 = find(root, 'KALISCTA000041516862') as Node
  section9.children = section9.children.filter((c) => c.data.cid !== 'KALIARTI000041516878')
  return JSON.stringify(root)
}

describe('two KALI versions of one text, imported and compared (real processes)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paritaire-kali-'))
  const v1 = join(dir, 'v1.json')
  const v2 = join(dir, 'v2.json')
  const source = readFixture('kali/KALICONT000005635085-extrait.json')
  writeFileSync(v1, source)
  writeFileSync(v2, laterVersion(source))

  it('imports each version with paritaire import, saying what it picked', () => {
    const first = paritaire('import', v1)
    expect(first.code).toBe(0)
    expect(first.stderr).toContain('note : Partie lue : « Classification - Fonctions repères » (KALISCTA000005691961)')
    expect(first.stderr).toMatch(/19 fiche\(s\) importée\(s\) de .*v1\.json \(KALI\)/u)
    const texte = texteSchema.parse(JSON.parse(first.stdout))
    expect(texte.fiches.filter((f) => f.id.startsWith('KALIARTI000005771326'))).toHaveLength(10)
  })

  it('diffs them: every fiche on both sides matched by its cid, one modified, one added, nine removed', () => {
    const { code, stdout, stderr } = paritaire('diff', v1, v2)
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const cs = JSON.parse(stdout) as {
      summary: { added: number; removed: number; modified: number; unchanged: number }
      fiches: { status: string; match: string | null; olderId: string | null; newerId: string | null; intitule: string }[]
    }
    const paired = cs.fiches.filter((f) => f.olderId !== null && f.newerId !== null)
    expect(paired).toHaveLength(10)
    for (const f of paired) {
      expect(f.match).toBe('id')
      expect(f.olderId).toBe(f.newerId)
    }
    expect(cs.summary).toMatchObject({ added: 1, removed: 9, modified: 1, unchanged: 9 })
    expect(cs.fiches.find((f) => f.status === 'modified')?.intitule).toBe("Directeur/ Directrice d'hypermarché")
    expect(cs.fiches.find((f) => f.status === 'added')?.newerId).toBe('KALIARTI000099000002')
    expect(cs.fiches.filter((f) => f.status === 'removed').every((f) => f.olderId?.startsWith('KALIARTI000041516878-'))).toBe(true)
  })
})
