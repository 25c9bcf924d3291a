/**
 * Durations as the texts write them (« 6 mois », « 1 an », « 3 ans »,
 * « 18 mois », « un an »): the période maximale of a classement. Parsed here
 * so that the editor's field, the validation of every write and the importers
 * agree on what a duration is; anything else (« beaucoup », « 3 semaines »,
 * which no grid uses) is refused.
 */

export interface Duree {
  /** Length in months (a year is 12). */
  months: number
  /** The canonical wording: « 6 mois », « 1 an », « 3 ans ». */
  text: string
}

const NUMBER_WORDS: Record<string, number> = { un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, dix: 10, douze: 12 }

const DUREE = /^(\d{1,3}(?:[.,]5)?|un|une|deux|trois|quatre|cinq|six|dix|douze)\s*(mois|ans?|ann[ée]es?)$/iu

/** The longest période maximale a grid can mean (beyond, it is a typing mistake). */
export const DUREE_MAX_MONTHS = 120

/** The duration `text` means, or null when it is not « <nombre> mois » / « <nombre> an(s) ». */
export function parseDuree(text: string): Duree | null {
  const match = DUREE.exec(text.trim().replace(/\s+/g, ' '))
  if (!match) return null
  const amountText = match[1]!.toLowerCase()
  const amount = NUMBER_WORDS[amountText] ?? Number(amountText.replace(',', '.'))
  const unit = match[2]!.toLowerCase()
  const inMonths = unit === 'mois' ? amount : amount * 12
  if (!Number.isInteger(inMonths) || inMonths <= 0 || inMonths > DUREE_MAX_MONTHS) return null
  const shown = String(amount).replace('.', ',')
  return { months: inMonths, text: unit === 'mois' ? `${shown} mois` : `${shown} ${amount >= 2 ? 'ans' : 'an'}` }
}

/** True when `text` is a duration `parseDuree` accepts. */
export function isDuree(text: string): boolean {
  return parseDuree(text) !== null
}
