/**
 * A memo for pure string functions called again and again on the same
 * inputs (words, titles repeat across fiches and versions). Bounded: past
 * `max` entries it starts afresh, so a long-running server does not keep
 * every word it ever compared.
 */
export function boundedMemo(fn: (s: string) => string, max: number): (s: string) => string {
  const known = new Map<string, string>()
  return (s) => {
    let value = known.get(s)
    if (value === undefined) {
      if (known.size > max) known.clear()
      value = fn(s)
      known.set(s, value)
    }
    return value
  }
}
