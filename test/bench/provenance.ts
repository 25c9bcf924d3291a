/**
 * What a benchmark result was measured on: the commit (short id), whether
 * the working tree had changes beyond the benchmark results themselves, and
 * the date — written into every results/*.json so a figure can be traced to
 * the code it measured.
 */
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

const ROOT = join(import.meta.dirname, '..', '..')

function git(...args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  } catch {
    return ''
  }
}

export interface Provenance {
  commit: string
  /** Files changed and not committed when the run started (results/*.json excepted). */
  dirty: boolean
  dirtyFiles?: string[]
  date: string
}

export function provenance(): Provenance {
  const changed = git('status', '--porcelain')
    .split('\n')
    // « XY path »: two status letters, a space, the path.
    .map((l) => l.slice(3))
    .filter((f) => f && !f.startsWith('test/bench/results/'))
  return {
    commit: git('rev-parse', '--short', 'HEAD').trim() || 'inconnu',
    dirty: changed.length > 0,
    ...(changed.length > 0 ? { dirtyFiles: changed.slice(0, 20) } : {}),
    date: new Date().toISOString(),
  }
}
