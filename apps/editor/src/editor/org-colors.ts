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
}

const PALETTE = ['#1f5fa8', '#b03060', '#00796b', '#8e44ad', '#a85a00', '#2e7d32', '#37474f', '#ad1457', '#4e5bbd']

export function organisationColor(name: string): string {
  const known = KNOWN[name.trim().toUpperCase()]
  if (known) return known
  let hash = 0
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)!) >>> 0
  return PALETTE[hash % PALETTE.length]!
}
