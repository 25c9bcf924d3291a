/**
 * `npm run bench:diff`: time of our structural diff against jsdiff
 * `diffWords` over the whole plain text and diff-match-patch (`diff_main` +
 * `diff_cleanupSemantic`, its default 1 s timeout), same run, median of
 * several runs, on the corpus avenant 004 and directory 002 with 2 %, 10 %
 * and 50 % of words edited, ten fiches moved and a full rewrite (seeded).
 * Prints a table and writes test/bench/results/diff.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { diffTextes } from '@paritaire/diff'
import { importTexte, texteToPlainText, type Texte } from '@paritaire/schema'
import { diffWords } from 'diff'
import DiffMatchPatch from 'diff-match-patch'
import { editWords, moveFiches } from '../diff/edits.ts'

const here = dirname(fileURLToPath(import.meta.url))
const corpus = join(here, '..', 'fixtures', 'corpus')
const RUNS = Number(process.argv[2] ?? 7)
/** jsdiff over a whole rewritten text can take minutes: cap it and report the cap. */
const JSDIFF_TIMEOUT_MS = 10_000

function load(file: string): Texte {
  return importTexte(readFileSync(join(corpus, file), 'utf8'), { fileName: file }).texte
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

const round = (x: number): number => Math.round(x * 100) / 100

/** Median and minimum of several runs after a warm-up. The minimum is the least disturbed by other processes on a shared machine. */
function time(fn: () => unknown, runs: number): { median: number; min: number } {
  fn() // warm-up
  const out: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    fn()
    out.push(performance.now() - t0)
  }
  return { median: round(median(out)), min: round(Math.min(...out)) }
}

interface CaseResult {
  /** Medians, in ms. */
  paritaire: number
  jsdiffWhole: number | null
  dmp: number
  /** Minimums, in ms. */
  min: { paritaire: number; jsdiffWhole: number | null; dmp: number }
  sizeKB: number
  summary: string
  fallbacks: number
  jsdiffTimedOut?: true
}

const bases: [string, Texte][] = [
  ['004', load('004_cf39432f65990045.txt')],
  ['002', load('002_6cd951afcde3cdbf.txt')],
]
const variants: [string, (t: Texte) => Texte][] = [
  ['edit-2%', (t) => editWords(t, 0.02, 2)],
  ['edit-10%', (t) => editWords(t, 0.1, 10)],
  ['edit-50%', (t) => editWords(t, 0.5, 50)],
  ['move-10', (t) => moveFiches(t, 10, 7)],
  ['rewrite', (t) => editWords(t, 1, 99)],
]

const dmp = new DiffMatchPatch()
const cases: Record<string, CaseResult> = {}
for (const [baseName, base] of bases) {
  const oldPlain = texteToPlainText(base)
  for (const [variantName, make] of variants) {
    const name = `${baseName}-${variantName}`
    const newer = make(base)
    const newPlain = texteToPlainText(newer)
    const cs = diffTextes(base, newer)
    const s = cs.summary
    const paritaire = time(() => diffTextes(base, newer), Math.max(RUNS, 25))
    let timedOut = false
    const slowRuns = variantName === 'rewrite' || variantName === 'edit-50%' ? Math.min(RUNS, 3) : RUNS
    const jsdiffWhole = time(() => {
      if (diffWords(oldPlain, newPlain, { timeout: JSDIFF_TIMEOUT_MS }) === undefined) timedOut = true
    }, slowRuns)
    const dmpMs = time(() => {
      const d = dmp.diff_main(oldPlain, newPlain)
      dmp.diff_cleanupSemantic(d)
    }, slowRuns)
    cases[name] = {
      paritaire: paritaire.median,
      jsdiffWhole: timedOut ? null : jsdiffWhole.median,
      dmp: dmpMs.median,
      min: { paritaire: paritaire.min, jsdiffWhole: timedOut ? null : jsdiffWhole.min, dmp: dmpMs.min },
      sizeKB: Math.round((oldPlain.length + newPlain.length) / 2 / 1024),
      summary: `+${s.added} -${s.removed} ~${s.modified} ↕${s.moved} =${s.unchanged}`,
      fallbacks: cs.fallbacks,
      ...(timedOut ? { jsdiffTimedOut: true as const } : {}),
    }
    process.stderr.write(`${name}: ${paritaire.median} ms\n`)
  }
}

const pad = (s: string, n: number): string => s.padEnd(n)
const ms = (x: number | null): string => (x === null ? `>${JSDIFF_TIMEOUT_MS}` : String(x))
const lines = [
  'médiane (minimum) en ms',
  `${pad('cas', 16)}${pad('taille', 8)}${pad('paritaire', 18)}${pad('jsdiff diffWords', 22)}${pad('diff-match-patch', 20)}résumé`,
  ...Object.entries(cases).map(([n, c]) =>
    `${pad(n, 16)}${pad(`${c.sizeKB} Ko`, 8)}${pad(`${c.paritaire} (${c.min.paritaire})`, 18)}${pad(`${ms(c.jsdiffWhole)} (${ms(c.min.jsdiffWhole)})`, 22)}${pad(`${c.dmp} (${c.min.dmp})`, 20)}${c.summary}${c.fallbacks ? ` (${c.fallbacks} repli(s))` : ''}`),
]
process.stdout.write(`${lines.join('\n')}\n`)

const cpu = cpus()
const result = {
  cases,
  runs: RUNS,
  machine: {
    cpu: cpu[0]?.model ?? 'inconnu', cores: cpu.length, memoryGB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform,
    // Other processes share the machine: the load says how much the figures are inflated.
    loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
  },
  date: new Date().toISOString(),
}
mkdirSync(join(here, 'results'), { recursive: true })
writeFileSync(join(here, 'results', 'diff.json'), `${JSON.stringify(result, null, 2)}\n`)
