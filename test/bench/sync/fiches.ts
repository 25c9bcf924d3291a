/**
 * Fiches of a chosen size for the benchmark: real fiche structure (the six
 * sections, activity lists, paragraphs) filled with French job-description
 * prose until the Yjs state reaches the target, so every server holds the
 * same document the editor would produce.
 */
import * as Y from 'yjs'
import { emptyFiche, ficheToYDoc, FICHE_YDOC_FIELD, type Fiche } from '@paritaire/schema'

const PHRASES = [
  'Assure la maintenance préventive et corrective des équipements de production',
  'Contrôle la conformité des interventions au regard des consignes de sécurité',
  'Renseigne les documents de suivi et transmet les anomalies à sa hiérarchie',
  'Participe à la formation des nouveaux salariés sur les postes de travail',
  'Propose des améliorations techniques et organisationnelles du service',
  'Coordonne les interventions des entreprises extérieures sur le site',
]

export function ficheOfSize(targetBytes: number, id = 'bench'): Fiche {
  const fiche = emptyFiche(id, `Technicien de maintenance ${id}`)
  let i = 0
  const grow = (n: number) => {
    for (let k = 0; k < n; k++, i++) {
      const text = `${PHRASES[i % PHRASES.length]} (${i}).`
      fiche.contenu.groups.push({ titre: null, items: [{ content: [{ text, marks: [] }], children: [] }] })
      fiche.acces.content.push({ type: 'paragraph', content: [{ text: `Expérience professionnelle ${i} dans le domaine.`, marks: [] }] })
    }
  }
  // Grow in steps until the Yjs state is at least the target size; the
  // count found is remembered, a thousand fiches of one size are built at once.
  const known = grownTo.get(targetBytes)
  if (known !== undefined) {
    grow(known)
    if (yStateOf(fiche).length >= targetBytes) return fiche
  }
  for (let step = 8; ; step = Math.ceil(step * 1.5)) {
    grow(step)
    if (yStateOf(fiche).length >= targetBytes) {
      grownTo.set(targetBytes, i)
      return fiche
    }
  }
}

/** Paragraphs needed per target size (ids change the size by a few bytes only). */
const grownTo = new Map<number, number>()

export function yStateOf(fiche: Fiche): Uint8Array {
  return Y.encodeStateAsUpdate(ficheToYDoc(fiche))
}

/** Every Y.XmlText of a fiche document: the places where load clients type. */
export function textsOf(doc: Y.Doc): Y.XmlText[] {
  const out: Y.XmlText[] = []
  const walk = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) out.push(child)
      else if (child instanceof Y.XmlElement) walk(child)
    }
  }
  walk(doc.getXmlFragment(FICHE_YDOC_FIELD))
  return out
}
