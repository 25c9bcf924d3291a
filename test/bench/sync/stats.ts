/** Percentiles and small numeric helpers for the benchmark. */
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
