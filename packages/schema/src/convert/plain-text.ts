/**
 * Canonical fiche / texte → plain text, for reading (terminals, e-mail,
 * search indexing, word counts). Not meant to be parsed back: Markdown is the
 * exchange format. No markup at all: sections are upper-cased labels, list
 * items are `- ` lines indented two spaces per level, hard breaks are line
 * breaks, bold and italic are dropped.
 */
import { SECTION_LABELS, SECTION_NAMES } from '../section-names.ts'
import type { Fiche, SectionName, FicheLink, Inline, ListItem, RichText, Texte } from '../model.ts'

function inlineText(runs: readonly Inline[]): string {
  return runs.map((r) => r.text).join('')
}

function listLines(items: readonly ListItem[], depth = 0): string[] {
  const indent = '  '.repeat(depth)
  return items.flatMap((item) => [
    ...inlineText(item.content)
      .split('\n')
      .map((line, i) => (i === 0 ? `${indent}- ${line}` : `${indent}  ${line}`)),
    ...listLines(item.children, depth + 1),
  ])
}

/** Paragraphs and lists, separated by blank lines. */
export function richTextToPlainText(blocks: RichText): string {
  return blocks.map((b) => (b.type === 'paragraph' ? inlineText(b.content) : listLines(b.items).join('\n'))).join('\n\n')
}

function linkText(link: FicheLink): string {
  return link.code ? `${link.label} (${link.code})` : link.label
}

function fieldLines(fields: [string, string | number | null][]): string[] {
  return fields.filter(([, v]) => v !== null && v !== '').map(([label, v]) => `${label} : ${String(v)}`)
}

function section(label: string, parts: string[]): string {
  return [label.toUpperCase(), ...parts.filter((p) => p !== '')].join('\n\n')
}

/**
 * The text of each of the fiche's six sections, without their labels (the
 * dénomination starts with the intitulé). What `ficheToPlainText` prints
 * under each label, and what full-text search indexes section by section.
 */
export function ficheSectionTexts(fiche: Fiche): Record<SectionName, string> {
  const { denomination: d, objet: o, contenu: c, classement: k, acces: a, evolution: e } = fiche
  const join = (parts: string[]): string => parts.filter((p) => p !== '').join('\n\n')
  return {
    denomination: join([
      d.intitule,
      fieldLines([
        ['Appellations', d.appellations.join(', ') || null],
        ['Code', d.code],
        ['Filière', d.filiere],
        ['Sous-famille', d.sousFamille],
      ]).join('\n'),
      richTextToPlainText(d.content),
    ]),
    objet: join([fieldLines([['Mêmes fonctions que', o.memesFonctionsQue]]).join('\n'), richTextToPlainText(o.content)]),
    contenu: join([
      richTextToPlainText(c.content),
      ...c.groups.map((g) => [...(g.titre ? [g.titre] : []), ...listLines(g.items)].join('\n')),
    ]),
    classement: join([
      [
        ...fieldLines([
          ['Catégorie', k.categorie],
          ['Niveau', k.niveau],
          ['Échelon', k.echelon],
          ['Degrés', k.degres.join(', ') || null],
          ['Coefficient', k.coefficient],
          ['Critères', k.criteres.map((x) => `${x.critere} ${x.valeur}`).join(', ') || null],
        ]),
        ...(k.paliers.length ? ['Paliers :'] : []),
        ...k.paliers.map(
          (p) => `- ${p.palier}${p.niveau ? ` : ${p.niveau}` : ''}${p.coefficient !== null ? `, coefficient ${p.coefficient}` : ''}`,
        ),
        ...fieldLines([['Période maximale', k.periodeMaximale]]),
      ].join('\n'),
      richTextToPlainText(k.content),
    ]),
    acces: join([listLines(a.items).join('\n'), richTextToPlainText(a.content)]),
    evolution: join([
      [
        ...(e.verticale.length ? ['Verticale :', ...e.verticale.map((l) => `- ${linkText(l)}`)] : []),
        ...(e.transversale.length ? ['Transversale :', ...e.transversale.map((l) => `- ${linkText(l)}`)] : []),
      ].join('\n'),
      richTextToPlainText(e.content),
    ]),
  }
}

/** The plain text of one fiche: title, then its six sections in order. */
export function ficheToPlainText(fiche: Fiche): string {
  const texts = ficheSectionTexts(fiche)
  // The intitulé heads the whole text rather than the dénomination section.
  const denomination = texts.denomination.startsWith(fiche.denomination.intitule)
    ? texts.denomination.slice(fiche.denomination.intitule.length).replace(/^\n+/, '')
    : texts.denomination
  const sections = SECTION_NAMES.map((name) => section(SECTION_LABELS[name], [name === 'denomination' ? denomination : texts[name]]))
  return [fiche.denomination.intitule, ...sections].join('\n\n') + '\n'
}

/** The plain text of a whole texte: title, preamble, grid, fiches, closing, remainder. */
export function texteToPlainText(texte: Texte): string {
  const parts: string[] = [texte.title]
  if (texte.idcc) parts.push(`IDCC : ${texte.idcc}`)
  if (texte.preamble.length) parts.push(richTextToPlainText(texte.preamble))
  const grid = [
    richTextToPlainText(texte.grid.content),
    ...texte.grid.levels.map((l) =>
      [`Niveau ${l.niveau}${l.categorie ? ` (${l.categorie})` : ''}`, richTextToPlainText(l.definition)].filter((s) => s !== '').join('\n\n'),
    ),
  ].filter((s) => s !== '')
  if (grid.length) parts.push('GRILLE DE CLASSIFICATION', ...grid)
  const rule = '-'.repeat(40)
  for (const fiche of texte.fiches) parts.push(rule, ficheToPlainText(fiche).trimEnd())
  if (texte.closing.length) parts.push(rule, richTextToPlainText(texte.closing))
  if (texte.remainder.length) parts.push(rule, 'NON CLASSÉ', richTextToPlainText(texte.remainder))
  return parts.filter((p) => p !== '').join('\n\n') + '\n'
}
