/**
 * Structured field changes: scalars (coefficient, période maximale…), lists
 * of names (appellations, degrés) and keyed collections (critères, paliers,
 * links to other fiches, grid levels). Text values are compared like words:
 * a typographic-only difference is minor, or no change when ignored.
 */
import type { Author, FieldChange, FieldValue } from './change-set.ts'
import { normaliseTitle, typographyKey } from './typography.ts'
import { looselyEqual, wordDiff, type DiffContext } from './word-diff.ts'

export class FieldCollector {
  readonly changes: FieldChange[] = []
  constructor(
    private readonly ctx: DiffContext,
    private readonly author?: Author,
  ) {}

  private add(change: FieldChange): void {
    if (this.author) change.author = this.author
    this.changes.push(change)
  }

  /** A string or number field; null means absent. */
  scalar(field: string, label: string, old: string | number | null, now: string | number | null, key?: string): void {
    if (old === now) return
    const base: FieldChange = { field, label, old, new: now }
    if (key !== undefined) base.key = key
    if (typeof old === 'string' && typeof now === 'string') {
      if (typographyKey(old) === typographyKey(now) || looselyEqual(old, now)) {
        if (this.ctx.ignoreTypography) return
        base.minor = true
      }
      base.segments = wordDiff(old, now, this.ctx).segments
    }
    this.add(base)
  }

  /** An ordered list of names: one change holding both lists when they differ. */
  names(field: string, label: string, old: readonly string[], now: readonly string[]): void {
    if (old.length === now.length && old.every((v, i) => v === now[i])) return
    const fold = (xs: readonly string[]): string => xs.map(typographyKey).join('\u0000')
    const change: FieldChange = { field, label, old: [...old], new: [...now] }
    if (fold(old) === fold(now)) {
      if (this.ctx.ignoreTypography) return
      change.minor = true
    }
    this.add(change)
  }

  /**
   * A keyed collection: elements matched by key, one change per element
   * added (old null), removed (new null) or whose value differs. `nameOf`
   * gives the element's readable name, stored as the change's `key`.
   */
  keyed<T>(
    field: string,
    label: string,
    old: readonly T[],
    now: readonly T[],
    spec: { keyOf: (x: T) => string; nameOf: (x: T) => string; show: (x: T) => FieldValue; same: (a: T, b: T) => boolean },
  ): void {
    if (old.length === 0 && now.length === 0) return
    const oldBy = new Map(old.map((x) => [spec.keyOf(x), x]))
    const newBy = new Map(now.map((x) => [spec.keyOf(x), x]))
    for (const k of new Set([...newBy.keys(), ...oldBy.keys()])) {
      const a = oldBy.get(k)
      const b = newBy.get(k)
      if (a !== undefined && b !== undefined && spec.same(a, b)) continue
      this.add({
        field,
        key: spec.nameOf((b ?? a)!),
        label,
        old: a === undefined ? null : spec.show(a),
        new: b === undefined ? null : spec.show(b),
      })
    }
  }
}

/** Key for names matched across versions: case, accents and typography folded. */
export const nameKey = (s: string): string => normaliseTitle(s)
