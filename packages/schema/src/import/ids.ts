/**
 * Stable fiche ids for imported texts: readable slugs built from what
 * identifies a job in its source (filière, coefficient, title), de-duplicated
 * in source order, so that importing the same text twice yields the same ids.
 */

/** "Chargé(e) d'études" → "charge-d-etudes": lower-case ASCII words joined by "-". */
export function slugify(text: string, maxWords = 12): string {
  const words = text
    // Gender endings glued to a word: "CHARGE(E)", "Formateur(trice)".
    .replace(/(\p{L})\((?:e|ne|le|se|sse|re|ère|ere|ve|trice|rice|euse)\)/giu, '$1')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0)
  return words.slice(0, maxWords).join('-')
}

/** Hands out ids, suffixing "-2", "-3"… when a base id repeats. */
export class IdAllocator {
  private readonly used = new Set<string>()

  take(...parts: (string | number | null | undefined)[]): string {
    const base = parts
      .filter((p): p is string | number => p !== null && p !== undefined && String(p).length > 0)
      .map((p) => (typeof p === 'number' ? String(p) : p))
      .join('-') || 'fiche'
    let id = base
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`
    this.used.add(id)
    return id
  }
}
