/**
 * "Mêmes fonctions que précédent": a job described by reference to another.
 * The sentence stays in the objet; `objet.memesFonctionsQue` records the id
 * of the job it names — the previous job of the same filière for
 * "précédent(e)(s)", otherwise the latest earlier job of the filière whose
 * title or coefficient matches ("que le 320", "que le niveau 1", "que
 * l'attaché commercial 2e niveau").
 */
import type { Fiche } from '../model.ts'
import { inlineText } from './inline.ts'
import type { ImportContext, SourceLine } from './source.ts'

const MEMES = /^M[êe]mes?\s+(?:fonctions?|comp[ée]tences)\s+que\s+(.+)$/iu

/** The phrase after "que", cut at the first comma, "mais" or final stop. */
export function memesFonctionsReferent(sentence: string): string | null {
  const match = MEMES.exec(sentence.trim())
  if (!match) return null
  return (match[1] ?? '').split(/,|\s+mais\s+|\s\+|\.(?:\s|$)/u)[0]?.trim() ?? ''
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’`]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/** Grades compare alike whether the text says "échelon" or "niveau". */
function grade(text: string): string {
  return text.replace(/\bechelon\b/g, 'niveau')
}

function isPrevious(referent: string): boolean {
  return /^(?:le |la |les )?(?:niveau |poste |emploi )?pr[ée]c[ée]dent(?:e|s|es)?$/iu.test(referent.trim())
}

export function resolveMemesFonctions(ctx: ImportContext, fiches: Fiche[], lines: readonly SourceLine[]): void {
  fiches.forEach((fiche, index) => {
    const first = fiche.objet.content[0]
    if (first?.type !== 'paragraph') return
    const referent = memesFonctionsReferent(inlineText(first.content))
    if (referent === null) return
    const earlier = fiches.slice(0, index).filter((f) => f.denomination.filiere === fiche.denomination.filiere).reverse()
    const line = lines[index]
    const previous = earlier[0]
    if (!previous) {
      ctx.warn(
        'MEMES_FONCTIONS_UNRESOLVED',
        `Ligne ${line?.no ?? '?'} : « ${fiche.denomination.intitule} » renvoie à des fonctions précédentes, mais c'est le premier emploi de sa filière ; aucun lien n'est enregistré.`,
        line,
      )
      return
    }
    if (isPrevious(referent)) {
      fiche.objet.memesFonctionsQue = previous.id
      return
    }
    const named = grade(fold(referent).replace(/^(?:le |la |les |l')/u, ''))
    const coefficient = /^\d{2,4}$/.test(named) ? Number(named) : null
    const stem = fold(fiche.denomination.intitule).split(' ')[0]
    const candidates = earlier.filter((f) =>
      coefficient !== null ? f.classement.coefficient === coefficient : grade(fold(f.denomination.intitule)).endsWith(named),
    )
    // "que le 1er échelon" names a grade: prefer the job of the same trade.
    const match = candidates.find((f) => fold(f.denomination.intitule).split(' ')[0] === stem) ?? candidates[0]
    if (match) {
      fiche.objet.memesFonctionsQue = match.id
      return
    }
    fiche.objet.memesFonctionsQue = previous.id
    ctx.warn(
      'MEMES_FONCTIONS_UNRESOLVED',
      `Ligne ${line?.no ?? '?'} : « ${fiche.denomination.intitule} » renvoie à « ${referent} », qu'aucun emploi précédent de la filière ne porte ; le lien est fait avec l'emploi précédent « ${previous.denomination.intitule} ».`,
      line,
    )
  })
}
