/**
 * `draftAvenant`: from the text in force and the agreed text (and their
 * change set), the avenant in légistique — title, parties, préambule drafted
 * from the summary (« Le présent avenant a pour objet de réduire la période
 * maximale du coefficient 155 de 1 an à 6 mois »), « il a été convenu ce
 * qui suit », one article per change of substance, the closing articles from
 * editable templates, « Fait à …, le … » and the signatures. Pure: no I/O.
 */
import type { Texte } from '@paritaire/schema'
import type { ChangeSet, ClassementChange } from '../change-set.ts'
import { diffTextes } from '../texte-diff.ts'
import { changeArticles, typographicCount, type DraftArticle } from './articles.ts'
import type { Avenant, AvenantArticle, AvenantOptions, ClosingTemplates } from './model.ts'
import { CLOSING_TITLES, DEFAULT_TEMPLATES, durationDays, fill, frenchDate, frenchList } from './templates.ts'

/** The accord's date as its title says it (« Accord du 9 décembre 2009 … » → « 9 décembre 2009 »). */
export function accordDateOf(t: Texte): string | null {
  const date = String.raw`(\d{1,2}(?:er)?\s+[a-zéû]+\s+\d{4})`
  // « Avenant du 11 mars 2024 à l'accord du 9 décembre 2009 »: the accord's date, not the avenant's.
  const m = new RegExp(String.raw`accord\s+du\s+` + date, 'i').exec(t.title) ?? new RegExp(String.raw`\bdu\s+` + date, 'i').exec(t.title)
  return m ? m[1]! : null
}

function periodeSentences(changes: readonly ClassementChange[], coefOf: (ficheId: string) => number | null): string[] {
  const groups = new Map<string, { old: string; new: string; coefs: Set<number> }>()
  for (const c of changes) {
    if (c.field !== 'periodeMaximale' || typeof c.old !== 'string' || typeof c.new !== 'string') continue
    const key = `${c.old}\u0000${c.new}`
    const g = groups.get(key) ?? { old: c.old, new: c.new, coefs: new Set<number>() }
    const coef = coefOf(c.ficheId)
    if (coef !== null) g.coefs.add(coef)
    groups.set(key, g)
  }
  return [...groups.values()].map((g) => {
    const a = durationDays(g.old)
    const b = durationDays(g.new)
    const verb = a !== null && b !== null ? (b < a ? 'réduire' : 'allonger') : 'modifier'
    const coefs = [...g.coefs].sort((x, y) => x - y).map(String)
    const of = coefs.length === 0 ? '' : coefs.length === 1 ? ` du coefficient ${coefs[0]}` : ` des coefficients ${frenchList(coefs)}`
    return `de ${verb} la période maximale${of} de ${g.old} à ${g.new}`
  })
}

/** « de réduire …, de porter le coefficient … et de modifier la rédaction de 2 fiches » */
export function objectClauses(cs: ChangeSet, newer: Texte): string[] {
  const coef = new Map(newer.fiches.map((f) => [f.id, f.classement.coefficient]))
  const clauses = periodeSentences(cs.classementChanges, (id) => coef.get(id) ?? null)
  for (const c of cs.classementChanges) {
    if (c.field === 'coefficient') clauses.push(`de porter le coefficient de la fiche « ${c.intitule} » de ${String(c.old)} à ${String(c.new)}`)
    if (c.field === 'grille') clauses.push(`de modifier, dans la grille, les ${c.key ?? 'mentions'} du ${c.intitule}`)
  }
  const count = (n: number, what: string): string => (n === 1 ? `une fiche${what}` : `${n} fiches${what}`)
  const added = cs.fiches.filter((f) => f.status === 'added').length
  const removed = cs.fiches.filter((f) => f.status === 'removed').length
  const classementOnly = new Set(cs.classementChanges.filter((c) => c.field === 'periodeMaximale' || c.field === 'coefficient').map((c) => c.ficheId))
  const reworded = cs.fiches.filter((f) => f.status === 'modified' && !f.typographyOnly &&
    f.sections.some((s) => s.blocks.some((b) => b.status !== 'equal' && b.segments.some((g) => g.op !== 'equal' && !g.minor)) ||
      s.fields.some((x) => !x.minor && !x.field.startsWith('classement.periodeMaximale') && x.field !== 'classement.coefficient'))).length
  if (added) clauses.push(`de créer ${count(added, '')}`)
  if (removed) clauses.push(`de supprimer ${count(removed, '')}`)
  if (reworded) clauses.push(`de modifier la rédaction ${reworded === 1 ? "d'une fiche" : `de ${reworded} fiches`}`)
  if (clauses.length === 0 && classementOnly.size === 0 && cs.parts.some((p) => p.status !== 'unchanged')) clauses.push("de modifier les dispositions générales de l'accord")
  return clauses
}

export function draftAvenantFrom(cs: ChangeSet, older: Texte, newer: Texte, options: AvenantOptions = {}): Avenant {
  const accord = frenchDate(options.accordDate ?? accordDateOf(older))
  const objet = options.objet ?? 'relatif aux classifications'
  const date = frenchDate(options.date)
  const title = `Avenant n° ${options.numero || '…'} du ${date} à l'accord du ${accord} ${objet}`
  const parties = { employeurs: options.parties?.employeurs ?? [], salaries: options.parties?.salaries ?? [] }
  const clauses = objectClauses(cs, newer)
  const preambule = [
    clauses.length > 0
      ? `Le présent avenant a pour objet ${frenchList(clauses)}.`
      : "Le présent avenant ne modifie pas la rédaction de l'accord.",
    `Il modifie l'accord du ${accord} ${objet} dans les conditions ci-après.`,
  ]
  const drafts: DraftArticle[] = changeArticles({ cs, older, newer, replaceThreshold: options.replaceThreshold ?? 0.5 })
  const templates: ClosingTemplates = { ...DEFAULT_TEMPLATES, ...options.templates }
  const values = { date, accord: `l'accord du ${accord}` }
  const articles: AvenantArticle[] = drafts.map((d, i) => ({ numero: i + 1, titre: null, ...d }))
  for (const key of Object.keys(CLOSING_TITLES) as (keyof ClosingTemplates)[]) {
    const t = templates[key]
    if (!t) continue
    articles.push({ numero: articles.length + 1, titre: CLOSING_TITLES[key], kind: 'final', alineas: [{ kind: 'text', text: fill(t, values) }] })
  }
  return {
    avenantVersion: 1,
    title,
    parties,
    preambule,
    articles,
    fait: `Fait à ${options.lieu || '…'}, le ${date}.`,
    signatures: [
      ...parties.employeurs.map((o) => ({ organisation: o, collège: 'employeurs' as const })),
      ...parties.salaries.map((o) => ({ organisation: o, collège: 'salariés' as const })),
    ],
    typographyOmitted: typographicCount(cs),
  }
}

/** The avenant from the text in force to the agreed text. */
export function draftAvenant(older: Texte, newer: Texte, options: AvenantOptions = {}): Avenant {
  return draftAvenantFrom(diffTextes(older, newer), older, newer, options)
}
