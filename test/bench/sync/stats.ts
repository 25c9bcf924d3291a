/** Percentiles, the spread of repeated samples and small numeric helpers for the benchmark. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = Float64Array.from(values).sort()
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]!
}

export function median(values: number[]): number {
  return percentile(values, 50)
}

export const round1 = (x: number) => Math.round(x * 10) / 10

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** A figure measured several times: its median and its range over the samples. */
export interface Spread {
  median: number
  min: number
  max: number
  samples: number[]
}

export function spread(samples: number[]): Spread {
  const ok = samples.filter((x) => Number.isFinite(x))
  if (ok.length === 0) return { median: NaN, min: NaN, max: NaN, samples }
  return { median: round1(median(ok)), min: round1(Math.min(...ok)), max: round1(Math.max(...ok)), samples: samples.map(round1) }
}

/** "12.3 (11.0–14.1)": median and range, as the tables print them. */
export function showSpread(s: Spread | undefined, unit = ''): string {
  if (!s || !Number.isFinite(s.median)) return '—'
  return s.min === s.max ? `${s.median}${unit}` : `${s.median}${unit} (${s.min}–${s.max})`
}
