/**
 * Field names as negotiators say them, for issue messages: apart from the
 * validators so that the editor can show them without loading zod.
 */
/** Field names as a reader says them (the model's keys have no accents). */
export const FIELD_LABELS: Record<string, string> = {
  intitule: 'intitulé',
  appellations: 'autres appellations',
  code: 'code',
  filiere: 'filière',
  sousFamille: 'sous-famille',
  memesFonctionsQue: 'mêmes fonctions que',
  groups: 'groupes',
  titre: 'titre',
  categorie: 'catégorie',
  niveau: 'niveau',
  echelon: 'échelon',
  degres: 'degrés',
  coefficient: 'coefficient',
  criteres: 'critères',
  critere: 'critère',
  valeur: 'note',
  paliers: 'paliers',
  palier: 'palier',
  periodeMaximale: 'période maximale',
  items: 'éléments',
  verticale: 'évolution verticale',
  transversale: 'évolution transversale',
}
