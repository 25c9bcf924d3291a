/**
 * `npm run bench:diff`: time of our structural diff against jsdiff
 * `diffWords` over the whole plain text and diff-match-patch (`diff_main` +
 * `diff_cleanupSemantic`, its default 1 s timeout), same run, median of
 * several runs, on the corpus avenant 004 and directory 002 with 2 %, 10 %
 * and 50 % of words edited, ten fiches moved and a full rewrite (seeded);
 * and two separate imports of related texts: the avenant against a
 * 2009-like copy re-imported from its text (coefficients renumbered, every
 * title reworded, 5 % of words edited), whose fiche ids and titles match
 * none of the avenant's, so the fiches are paired by content similarity.
 * Also times the Word redline of the whole avenant (no peer: target ≤ 100 ms).
 * Prints a table and writes test/bench/results/diff.json with the commit.
 *
 * `npm run bench:diff [RUNS]`: every contestant is warmed up alike (at least
 * 3 runs and 300 ms), then max(RUNS, 25) timed runs per case — the peers at
 * most 3 on the slow cases, where one run takes seconds (`runs` in
 * diff.json gives the counts). BENCH_CASES=a,b times only those.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { diffTextes, renderRedlineDocx } from '@paritaire/diff'
import { importTexte, texteToPlainText, type Texte } from '@paritaire/schema'
import { diffWords } from 'diff'
import DiffMatchPatch from 'diff-match-patch'
import { editWords, moveFiches } from '../diff/edits.ts'
import { provenance } from './provenance.ts'

const here = dirname(fileURLToPath(import.meta.url))
const corpus = join(here, '..', 'fixtures', 'corpus')
const RUNS = Number(process.argv[2] ?? 7)
/** jsdiff over a whole rewritten text can take minutes: cap it and report the cap. */
const JSDIFF_TIMEOUT_MS = 10_000

function load(file: string): Texte {
  return importTexte(readFileSync(join(corpus, file), 'utf8'), { fileName: file }).texte
}

/** First words of the avenant's job titles and what a 2009-like text calls them. */
const OLDER_WORDS: [RegExp, string][] = [
  [/^Opérateur/, 'Employé'], [/^Technicien/, 'Agent technique'], [/^Adjoint/, 'Assistant'], [/^Responsable/, 'Chef'],
  [/^Photographe/, 'Opérateur photographe'], [/^Vendeur/, 'Employé de vente'], [/^Assistant/, 'Aide'],
]

/**
 * A related text imported separately: the raw avenant with each job line
 * (« 165. Opérateur vendeur 2e niveau ») renumbered and its title reworded
 * — as the 2009 accord it amends numbered and named them — then imported
 * from text, so neither ids nor titles match; then 5 % of its words edited.
 */
function reimportedCopy(file: string): Texte {
  // A job line may be indented (« ␣320. Directeur de magasin »): those too,
  // or their fiches would keep their ids and be paired by id, not by content.
  const source = readFileSync(join(corpus, file), 'utf8').replace(/^([ \t]*)(\d{3})\. (\S.*)$/gm, (_, indent: string, coef: string, title: string) => {
    const rule = OLDER_WORDS.find(([re]) => re.test(title))
    const reworded = rule ? title.replace(rule[0], rule[1]) : `Emploi de ${title.charAt(0).toLowerCase()}${title.slice(1)}`
    return `${indent}${Number(coef) - 5}. ${reworded}`
  })
  return editWords(importTexte(source, { fileName: `2009-${file}` }).texte, 0.05, 5)
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

const round = (x: number): number => Math.round(x * 100) / 100

/** Warm-up of each contestant on each case: at least this many runs, and until this much time has gone (JIT settled). */
const WARM_UP_RUNS = 3
const WARM_UP_MS = 300

/**
 * Median and minimum of several runs after the same warm-up for everyone
 * (a single warm-up run left the first case's peers half-compiled: diff-match-patch
 * took 7.5 ms there and about 2 ms once warm). The minimum is the least
 * disturbed by other processes on a shared machine.
 */
function time(fn: () => unknown, runs: number, warmUp = true): { median: number; min: number } {
  const start = performance.now()
  for (let i = 0; i < (warmUp ? 50 : 1); i++) {
    fn()
    if (i + 1 >= (warmUp ? WARM_UP_RUNS : 1) && performance.now() - start >= WARM_UP_MS) break
  }
  const out: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    fn()
    out.push(performance.now() - t0)
  }
  return { median: round(median(out)), min: round(Math.min(...out)) }
}

interface CaseResult {
  /** Timed runs of each (after one warm-up run). */
  runs: { paritaire: number; jsdiffWhole: number; dmp: number }
  /** How the fiches were paired: by id, by title key, by content similarity. */
  matches: Record<string, number>
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
/** Every case: its name, the older and the newer text, and whether the peers get few runs (slow cases). */
const pairs: [string, Texte, Texte, boolean][] = bases.flatMap(([baseName, base]) =>
  variants.map(([variantName, make]): [string, Texte, Texte, boolean] =>
    [`${baseName}-${variantName}`, base, make(base), variantName === 'rewrite' || variantName === 'edit-50%']))
pairs.push(['004-import-2009', bases[0]![1], reimportedCopy('004_cf39432f65990045.txt'), false])
/** BENCH_CASES=004-import-2009,… times only those cases (a quick check; the file then holds only them). */
const only = process.env.BENCH_CASES?.split(',')
for (const [name, base, newer, slow] of pairs.filter(([n]) => !only || only.includes(n))) {
  const oldPlain = texteToPlainText(base)
  const newPlain = texteToPlainText(newer)
  const cs = diffTextes(base, newer)
  const s = cs.summary
  const fastRuns = Math.max(RUNS, 25)
  const paritaire = time(() => diffTextes(base, newer), fastRuns)
  let timedOut = false
  // The peers get as many runs as Paritaire, except where one run takes seconds.
  const slowRuns = slow ? Math.min(RUNS, 3) : fastRuns
  const jsdiffWhole = time(() => {
    if (diffWords(oldPlain, newPlain, { timeout: JSDIFF_TIMEOUT_MS }) === undefined) timedOut = true
  }, slowRuns, !slow)
  const dmpMs = time(() => {
    const d = dmp.diff_main(oldPlain, newPlain)
    dmp.diff_cleanupSemantic(d)
  }, slowRuns, !slow)
  const matches: Record<string, number> = {}
  for (const f of cs.fiches) if (f.match) matches[f.match] = (matches[f.match] ?? 0) + 1
  cases[name] = {
    runs: { paritaire: fastRuns, jsdiffWhole: slowRuns, dmp: slowRuns },
    matches,
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

const pad = (s: string, n: number): string => s.padEnd(n)
const ms = (x: number | null): string => (x === null ? `>${JSDIFF_TIMEOUT_MS}` : String(x))
const lines = [
  'médiane (minimum) en ms',
  `${pad('cas', 16)}${pad('taille', 8)}${pad('paritaire', 18)}${pad('jsdiff diffWords', 22)}${pad('diff-match-patch', 20)}résumé`,
  ...Object.entries(cases).map(([n, c]) =>
    `${pad(n, 16)}${pad(`${c.sizeKB} Ko`, 8)}${pad(`${c.paritaire} (${c.min.paritaire})`, 18)}${pad(`${ms(c.jsdiffWhole)} (${ms(c.min.jsdiffWhole)})`, 22)}${pad(`${c.dmp} (${c.min.dmp})`, 20)}${c.summary}${c.fallbacks ? ` (${c.fallbacks} repli(s))` : ''}${c.matches.similarity ? ` (${c.matches.similarity} par similarité)` : ''}`),
]
process.stdout.write(`${lines.join('\n')}\n`)

/**
 * The Word redline of the whole avenant (114 fiches, 10 % of words edited):
 * the document a negotiator downloads most. No peer renders this document;
 * the target is absolute (≤ 100 ms). Same warm-up and median as above.
 */
async function timeAsync(fn: () => Promise<unknown>, runs: number): Promise<{ median: number; min: number }> {
  const start = performance.now()
  for (let i = 0; i < 50; i++) {
    await fn()
    if (i + 1 >= WARM_UP_RUNS && performance.now() - start >= WARM_UP_MS) break
  }
  const out: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await fn()
    out.push(performance.now() - t0)
  }
  return { median: round(median(out)), min: round(Math.min(...out)) }
}
const renders: Record<string, { median: number; min: number; runs: number; fiches: number; bytes: number }> = {}
if (!only) {
  const older = bases[0]![1]
  const newer = editWords(older, 0.1, 10)
  const cs = diffTextes(older, newer)
  const runs = Math.max(RUNS, 15)
  const bytes = (await renderRedlineDocx(cs, older, newer)).length
  const t = await timeAsync(() => renderRedlineDocx(cs, older, newer), runs)
  renders['docx-redline-004-edit-10%'] = { ...t, runs, fiches: newer.fiches.length, bytes }
  process.stdout.write(`rendu Word du texte entier (${newer.fiches.length} fiches, ${Math.round(bytes / 1024)} Ko) : ${t.median} ms (${t.min})\n`)
}

const cpu = cpus()
const measured = provenance()
const result = {
  cases,
  /** Document renders of a change set already computed (median, minimum, runs). */
  renders,
  /** Timed runs per case (after the same warm-up): at least 25 for everyone, the peers 3 on the slow cases; each case says its own. */
  runs: { paritaire: Math.max(RUNS, 25), peers: Math.max(RUNS, 25), peersSlowCases: Math.min(RUNS, 3), warmUp: { runs: WARM_UP_RUNS, ms: WARM_UP_MS } },
  commit: measured.commit,
  dirty: measured.dirty,
  ...(measured.dirtyFiles ? { dirtyFiles: measured.dirtyFiles } : {}),
  machine: {
    cpu: cpu[0]?.model ?? 'inconnu', cores: cpu.length, memoryGB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform,
    // Other processes share the machine: the load says how much the figures are inflated.
    loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
  },
  date: measured.date,
}
mkdirSync(join(here, 'results'), { recursive: true })
writeFileSync(join(here, 'results', 'diff.json'), `${JSON.stringify(result, null, 2)}\n`)
