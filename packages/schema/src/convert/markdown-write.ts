/**
 * Canonical fiche / texte → Markdown, in the dialect of docs/schema.md: the
 * intitulé as a heading with the fiche id in a comment, one heading per
 * section (always all six, in order), structured fields first as
 * `Libellé : valeur` lines (lists of values as `- ` lines under their label),
 * then the section's prose. Readable as ordinary Markdown; read back by
 * markdown-read.ts into the very same canonical fiche.
 */
import { SECTION_LABELS, type Fiche, type FicheLink, type ListItem, type RichText, type Texte } from '../model.ts'
import { escapeValue, inlinesToMarkdownLines, type FieldLabel } from './markdown-syntax.ts'

export interface MarkdownOptions {
  /** Heading level of the fiche title (1 by default; sections are one level below). */
  level?: number
}

function heading(level: number, text: string): string {
  return text === '' ? '#'.repeat(level) : `${'#'.repeat(level)} ${text}`
}

/** Lines of a bullet list; nesting is two spaces per level, continuation lines are indented under their bullet. */
export function listItemsToMarkdown(items: readonly ListItem[], depth = 0): string[] {
  const lines: string[] = []
  for (const item of items) {
    const indent = '  '.repeat(depth)
    const content = inlinesToMarkdownLines(item.content)
    const [first = '', ...rest] = content
    lines.push(first === '' ? `${indent}-` : `${indent}- ${first}`)
    for (const line of rest) lines.push(line === '' ? line : `${indent}  ${line}`)
    lines.push(...listItemsToMarkdown(item.children, depth + 1))
  }
  return lines
}

/** Blocks separated by blank lines. */
export function richTextToMarkdown(blocks: RichText): string[] {
  const out: string[] = []
  for (const block of blocks) {
    if (out.length > 0) out.push('')
    if (block.type === 'paragraph') out.push(...inlinesToMarkdownLines(block.content))
    else out.push(...listItemsToMarkdown(block.items))
  }
  return out
}

function field(label: FieldLabel, value: string | number | null, specials = ''): string[] {
  if (value === null) return []
  return [`${label} : ${typeof value === 'number' ? String(value) : escapeValue(value, specials)}`]
}

function listField(label: FieldLabel, values: readonly string[]): string[] {
  return values.length ? [`${label} : ${values.map((v) => escapeValue(v, ';')).join(' ; ')}`] : []
}

function linkLine(link: FicheLink): string {
  let line = `- ${escapeValue(link.label, '|')}`
  if (link.code !== null) line += ` | code ${escapeValue(link.code, '|')}`
  if (link.ficheId !== null) line += ` | fiche ${escapeValue(link.ficheId, '|')}`
  return line
}

function blockField(label: FieldLabel, lines: string[]): string[] {
  return lines.length ? [`${label} :`, ...lines] : []
}

/** One section: its heading, its field lines, a blank line, its prose. */
function section(level: number, title: string, fields: string[], prose: string[]): string[] {
  const out = [heading(level, title)]
  if (fields.length) out.push('', ...fields)
  if (prose.length) out.push('', ...prose)
  return out
}

/** The Markdown of one fiche. */
export function ficheToMarkdown(fiche: Fiche, options: MarkdownOptions = {}): string {
  return ficheMarkdownLines(fiche, options.level ?? 1).join('\n') + '\n'
}

function ficheMarkdownLines(fiche: Fiche, level: number): string[] {
  const { denomination: d, objet: o, contenu: c, classement: k, acces: a, evolution: e } = fiche
  const sub = level + 1
  const groups: string[] = []
  for (const group of c.groups) {
    groups.push('', heading(sub + 1, group.titre === null ? '' : escapeValue(group.titre)))
    if (group.items.length) groups.push(...listItemsToMarkdown(group.items))
  }
  const contenuProse = richTextToMarkdown(c.content)
  const sections = [
    section(
      sub,
      SECTION_LABELS.denomination,
      [...listField('Appellations', d.appellations), ...field('Code', d.code), ...field('Filière', d.filiere), ...field('Sous-famille', d.sousFamille)],
      richTextToMarkdown(d.content),
    ),
    section(sub, SECTION_LABELS.objet, field('Mêmes fonctions que', o.memesFonctionsQue), richTextToMarkdown(o.content)),
    [...section(sub, SECTION_LABELS.contenu, [], contenuProse), ...groups],
    section(
      sub,
      SECTION_LABELS.classement,
      [
        ...field('Catégorie', k.categorie),
        ...field('Niveau', k.niveau),
        ...field('Échelon', k.echelon),
        ...listField('Degrés', k.degres),
        ...field('Coefficient', k.coefficient),
        ...blockField('Critères', k.criteres.map((x) => `- ${escapeValue(x.critere, ':')} : ${x.valeur}`)),
        ...blockField(
          'Paliers',
          k.paliers.map(
            (p) =>
              `- ${escapeValue(p.palier, ':;')}` +
              (p.niveau === null ? '' : ` : ${escapeValue(p.niveau, ':;')}`) +
              (p.coefficient === null ? '' : ` ; coefficient ${p.coefficient}`),
          ),
        ),
        ...field('Période maximale', k.periodeMaximale),
      ],
      richTextToMarkdown(k.content),
    ),
    section(sub, SECTION_LABELS.acces, blockField('Modes d’accès', listItemsToMarkdown(a.items)), richTextToMarkdown(a.content)),
    section(
      sub,
      SECTION_LABELS.evolution,
      [...blockField('Verticale', e.verticale.map(linkLine)), ...blockField('Transversale', e.transversale.map(linkLine))],
      richTextToMarkdown(e.content),
    ),
  ]
  const lines = [heading(level, escapeValue(d.intitule)), `<!-- fiche: ${escapeValue(fiche.id)} -->`]
  for (const s of sections) lines.push('', ...s)
  return lines
}

/**
 * The Markdown of a whole texte: title, preamble, grid (one `###` heading
 * per level, its catégorie on the next line), every fiche (one heading level
 * down), closing and remainder. The fiches inside are in the same dialect as
 * ficheToMarkdown; markdownToTexte reads it all back.
 */
export function texteToMarkdown(texte: Texte): string {
  const lines = [heading(1, escapeValue(texte.title))]
  const meta = [
    ...(texte.idcc ? [`IDCC : ${escapeValue(texte.idcc)}`] : []),
    ...(texte.family ? [`Famille de source : ${texte.family}`] : []),
  ]
  if (meta.length) lines.push('', ...meta)
  const part = (title: string, body: string[]) => {
    if (body.length) lines.push('', heading(2, title), '', ...body)
  }
  part('Préambule', richTextToMarkdown(texte.preamble))
  const grid = [...richTextToMarkdown(texte.grid.content)]
  for (const level of texte.grid.levels) {
    if (grid.length) grid.push('')
    grid.push(heading(3, escapeValue(level.niveau)))
    if (level.categorie !== null) grid.push(`Catégorie : ${escapeValue(level.categorie)}`)
    const definition = richTextToMarkdown(level.definition)
    if (definition.length) grid.push('', ...definition)
  }
  part('Grille de classification', grid)
  for (const fiche of texte.fiches) lines.push('', ...ficheMarkdownLines(fiche, 2))
  part('Clôture', richTextToMarkdown(texte.closing))
  part('Non classé', richTextToMarkdown(texte.remainder))
  return lines.join('\n') + '\n'
}
