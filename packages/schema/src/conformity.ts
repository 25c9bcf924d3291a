/**
 * What a fiche can hold while being written but not be published with: the
 * « Contrôles » beyond the storage schema (validate.ts accepts a fiche in
 * progress, e.g. an intitulé being retyped). The editor lists these next to
 * the schema's issues, so that it never says « conforme » about a fiche
 * without an intitulé.
 */
import type { Fiche } from './model.ts'
import type { SchemaIssue } from './validate.ts'

export function conformityIssues(fiche: Fiche): SchemaIssue[] {
  const issues: SchemaIssue[] = []
  if (fiche.denomination.intitule.trim() === '') {
    issues.push({
      code: 'fiche.denomination.intitule.vide',
      path: ['denomination', 'intitule'],
      message: 'Section Dénomination, champ intitulé : la fiche n’a pas d’intitulé ; saisissez-en un',
      ficheId: fiche.id,
      section: 'denomination',
      field: 'intitule',
    })
  }
  return issues
}
