/**
 * A burst of typing by many stock providers, for the crash tests: each
 * provider appends its own numbered words (`p3k17`) to the fiche at a steady
 * rate, so that afterwards one can tell which typed update survived where.
 *
 *   const burst = startBurst(providers, { everyMs: 400 })   // 20 providers → 50 updates/s
 *   …; await burst.stop()
 *   burst.typed            // every word typed, in order
 *   missingWords(burst.typed, ficheText(doc))
 */
import { typeIntoFiche, type SyncClient } from './sync-clients.ts'

export interface Burst {
  /** Every word typed so far. */
  readonly typed: string[]
  /** Words typed by each provider (by index). */
  readonly byProvider: string[][]
  /** Stops typing (the providers stay open). */
  stop(): Promise<void>
}

export function startBurst(providers: SyncClient[], options: { everyMs: number; tag?: string }): Burst {
  const typed: string[] = []
  const byProvider: string[][] = providers.map(() => [])
  let running = true
  const loops = providers.map(async (p, i) => {
    // Spread the providers over the period so the rate is steady.
    await new Promise((r) => setTimeout(r, (options.everyMs * i) / providers.length))
    for (let k = 0; running; k++) {
      const word = `${options.tag ?? 'p'}${i}k${k}`
      try {
        typeIntoFiche(p.doc, ` ${word}`)
      } catch {
        break // destroyed
      }
      typed.push(word)
      byProvider[i]!.push(word)
      await new Promise((r) => setTimeout(r, options.everyMs))
    }
  })
  return {
    typed,
    byProvider,
    async stop() {
      running = false
      await Promise.all(loops)
    },
  }
}

/** The words of `words` absent from `text` (words are delimited by spaces or tags). */
export function missingWords(words: readonly string[], text: string): string[] {
  const present = new Set(text.split(/[\s<>]+/))
  return words.filter((w) => !present.has(w))
}
