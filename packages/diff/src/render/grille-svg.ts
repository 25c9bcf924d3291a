/**
 * The grid as a picture: every job on the coefficient scale, one band
 * (lane) per filière, one row per job, the coefficient as a dot. Between two
 * versions, a job whose coefficient changed is drawn with an arrow from the
 * old coefficient to the new one, an added job in green with « + », a
 * removed one struck in red. Negotiators see the grid instead of reading 114
 * rows. Pure SVG (no script, no external resource); every text escaped.
 */
import type { Texte } from '@paritaire/schema'
import type { ChangeSet } from '../change-set.ts'
import { escapeHtml } from './html.ts'

export interface GrilleRow {
  filiere: string
  label: string
  old: number | null
  new: number | null
  status: 'unchanged' | 'moved' | 'added' | 'removed'
}

export interface GrilleSvgOptions {
  title?: string
}

/** Rows from one version, or from a comparison (`cs` from `diffTextes(older, newer)`). */
export function grilleRows(newer: Texte, older?: Texte, cs?: ChangeSet): GrilleRow[] {
  if (!older || !cs) {
    return newer.fiches.map((f) => ({ filiere: f.denomination.filiere ?? 'Sans filière', label: f.denomination.intitule, old: f.classement.coefficient, new: f.classement.coefficient, status: 'unchanged' }))
  }
  return cs.fiches.map((fc): GrilleRow => {
    const o = fc.olderIndex !== null ? older.fiches[fc.olderIndex] : undefined
    const n = fc.newerIndex !== null ? newer.fiches[fc.newerIndex] : undefined
    const ref = (n ?? o)!
    const oc = o?.classement.coefficient ?? null
    const nc = n?.classement.coefficient ?? null
    const status = !o ? 'added' : !n ? 'removed' : oc !== nc ? 'moved' : 'unchanged'
    return { filiere: ref.denomination.filiere ?? 'Sans filière', label: ref.denomination.intitule, old: o ? oc : null, new: n ? nc : null, status }
  })
}

const COLORS = { unchanged: '#5b6478', moved: '#1f4fb4', added: '#0b7a34', removed: '#b3261e' }
const ROW = 15
const LANE_HEAD = 22
const LEFT = 300
const RIGHT = 40
const WIDTH = 1200

const truncate = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s)

export function renderGrilleSvg(rows: readonly GrilleRow[], options: GrilleSvgOptions = {}): string {
  const coefs = rows.flatMap((r) => [r.old, r.new]).filter((c): c is number => c !== null)
  const lo = coefs.length ? Math.floor(Math.min(...coefs) / 10) * 10 - 10 : 100
  const hi = coefs.length ? Math.ceil(Math.max(...coefs) / 10) * 10 + 10 : 400
  const x = (c: number): number => LEFT + ((c - lo) / Math.max(1, hi - lo)) * (WIDTH - LEFT - RIGHT)
  const lanes = new Map<string, GrilleRow[]>()
  for (const r of rows) lanes.set(r.filiere, [...(lanes.get(r.filiere) ?? []), r])
  const top = 64
  let y = top
  const body: string[] = []
  let laneIndex = 0
  for (const [filiere, lane] of lanes) {
    const h = LANE_HEAD + lane.length * ROW + 6
    body.push(`<g class="lane" data-filiere="${escapeHtml(filiere)}">`,
      `<rect x="0" y="${y}" width="${WIDTH}" height="${h}" fill="${laneIndex++ % 2 ? '#eef0f5' : '#ffffff'}" fill-opacity="0.6"/>`,
      `<text x="8" y="${y + 15}" class="lane-title">${escapeHtml(truncate(`Filière ${filiere}`, 110))}</text>`)
    lane.forEach((r, i) => {
      const cy = y + LANE_HEAD + i * ROW + ROW / 2
      const color = COLORS[r.status]
      const mark = r.status === 'added' ? '+ ' : r.status === 'removed' ? '× ' : r.status === 'moved' ? '→ ' : ''
      const value = r.status === 'moved' ? `${r.old ?? '—'} → ${r.new ?? '—'}` : String(r.new ?? r.old ?? '—')
      body.push(`<g class="job job-${r.status}"><title>${escapeHtml(`${r.label} — ${value}`)}</title>`,
        `<text x="16" y="${cy + 3.5}" class="job-label" fill="${color}"${r.status === 'removed' ? ' text-decoration="line-through"' : ''}>${escapeHtml(mark + truncate(r.label, 44))}</text>`)
      if (r.status === 'moved' && r.old !== null && r.new !== null) {
        const x1 = x(r.old)
        const x2 = x(r.new)
        body.push(`<circle cx="${x1.toFixed(1)}" cy="${cy}" r="3.5" fill="#fff" stroke="${color}" stroke-width="1.5"/>`,
          `<line x1="${x1.toFixed(1)}" y1="${cy}" x2="${(x2 - Math.sign(x2 - x1) * 5).toFixed(1)}" y2="${cy}" stroke="${color}" stroke-width="1.8" marker-end="url(#arrow)"/>`,
          `<circle cx="${x2.toFixed(1)}" cy="${cy}" r="3.5" fill="${color}"/>`,
          `<text x="${(Math.max(x1, x2) + 8).toFixed(1)}" y="${cy + 3.5}" class="value" fill="${color}">${escapeHtml(value)}</text>`)
      } else {
        const c = r.new ?? r.old
        if (c !== null) {
          body.push(r.status === 'removed'
            ? `<path d="M${(x(c) - 4).toFixed(1)} ${cy - 4}l8 8m0 -8l-8 8" stroke="${color}" stroke-width="1.8"/>`
            : `<circle cx="${x(c).toFixed(1)}" cy="${cy}" r="3.5" fill="${color}"/>`)
          if (r.status !== 'unchanged') body.push(`<text x="${(x(c) + 8).toFixed(1)}" y="${cy + 3.5}" class="value" fill="${color}">${escapeHtml(value)}</text>`)
        }
      }
      body.push('</g>')
    })
    body.push('</g>')
    y += h
  }
  const height = y + 30
  const ticks: string[] = []
  const step = hi - lo > 300 ? 50 : hi - lo > 120 ? 20 : 10
  for (let c = Math.ceil(lo / step) * step; c <= hi; c += step) {
    ticks.push(`<line x1="${x(c).toFixed(1)}" y1="${top - 6}" x2="${x(c).toFixed(1)}" y2="${y}" stroke="#d5d9e2" stroke-width="0.8"/>`,
      `<text x="${x(c).toFixed(1)}" y="${top - 10}" class="tick" text-anchor="middle">${c}</text>`,
      `<text x="${x(c).toFixed(1)}" y="${y + 16}" class="tick" text-anchor="middle">${c}</text>`)
  }
  const counts = { moved: 0, added: 0, removed: 0 }
  for (const r of rows) if (r.status !== 'unchanged') counts[r.status]++
  const n = (k: number, one: string, many: string): string => `${k} ${k > 1 ? many : one}`
  const legend = `${n(rows.length, 'emploi', 'emplois')} · ${counts.moved} ${counts.moved > 1 ? 'changent' : 'change'} de coefficient · ${n(counts.added, 'ajouté', 'ajoutés')} · ${n(counts.removed, 'supprimé', 'supprimés')}`
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeHtml(options.title ?? 'Grille des coefficients')}">` +
    `<style>text{font-family:"Liberation Sans",Arial,sans-serif}.lane-title{font-size:12px;font-weight:bold;fill:#1d2433}.job-label{font-size:10.5px}.value{font-size:10px;font-weight:bold}.tick{font-size:10px;fill:#5b6478}.title{font-size:16px;font-weight:bold;fill:#1d2433}.legend{font-size:11px;fill:#5b6478}</style>` +
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#1f4fb4"/></marker></defs>' +
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>` +
    `<text x="8" y="22" class="title">${escapeHtml(options.title ?? 'Grille des coefficients')}</text>` +
    `<text x="8" y="40" class="legend">${escapeHtml(legend)}</text>` +
    ticks.join('') + body.join('') + '</svg>'
}
