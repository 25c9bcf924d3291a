/**
 * One stable colour per organisation, so that CGT's caret, CGT's name in the
 * presence list and CGT's versions in the history share a colour in every
 * browser without the server storing anything. Known organisations get
 * their customary colour; others a hashed hue from a palette chosen to stay
 * readable under white caret labels.
 */

const KNOWN: Record<string, string> = {
  CGT: '#c8102e',
  CFDT: '#e5621a',
  FO: '#1f5fa8',
  'CFE-CGC': '#00857c',
  CFTC: '#6a3d9a',
  UNSA: '#0b7a3e',
  FNP: '#2f4b7c',
  FFPMI: '#7a5c00',
  // The State (labour ministry): a neutral slate, far from the unions' reds.
  DGT: '#455a64',
}

/**
 * For organisations not listed above: hues apart from the listed reds and
 * oranges (CGT, CFDT), so that no unknown organisation reads as CGT; the
 * presence list also shows each organisation's initials beside its colour.
 */
const PALETTE = ['#1f5fa8', '#00796b', '#8e44ad', '#2e7d32', '#37474f', '#4e5bbd', '#6d4c41', '#0277bd']

/** « CGT », « CFE » for « CFE-CGC », « FO »: what goes beside the colour, for readers who do not tell colours apart. */
export function organisationInitials(name: string): string {
  const trimmed = name.trim()
  if (/^[A-Z0-9-]{2,8}$/.test(trimmed)) return trimmed.split('-')[0]!.slice(0, 4)
  return trimmed
    .split(/\s+/)
    .map((word) => word.charAt(0).toUpperCase())
    .join('')
    .slice(0, 3)
}

export function organisationColor(name: string): string {
  const known = KNOWN[name.trim().toUpperCase()]
  if (known) return known
  let hash = 0
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)!) >>> 0
  return PALETTE[hash % PALETTE.length]!
}
