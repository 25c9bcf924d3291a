/**
 * Attribute specs for the structured fields that live on editor nodes. Each
 * is rendered as a `data-*` attribute (JSON for lists and objects) and parsed
 * back from it, so a section copied and pasted between editors keeps its
 * fields; Yjs stores them as XmlElement attributes. Values stay
 * JSON-serialisable: strings, integers, arrays of plain objects.
 */
import type { Attribute } from '@tiptap/core'

function dataName(name: string): string {
  return 'data-' + name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())
}

/** A nullable string field (`code`, `categorie`, `periodeMaximale`…). */
export function textAttribute(name: string): Attribute {
  return {
    default: null,
    parseHTML: (element) => element.getAttribute(dataName(name)),
    renderHTML: (attributes) => (attributes[name] === null || attributes[name] === undefined ? {} : { [dataName(name)]: String(attributes[name]) }),
  }
}

/** A nullable integer field (`coefficient`, `echelon`). */
export function integerAttribute(name: string): Attribute {
  return {
    default: null,
    parseHTML: (element) => {
      const raw = element.getAttribute(dataName(name))
      return raw !== null && /^\d+$/.test(raw) ? Number(raw) : null
    },
    renderHTML: (attributes) => (typeof attributes[name] === 'number' ? { [dataName(name)]: String(attributes[name]) } : {}),
  }
}

/** A list field (`appellations`, `criteres`, `paliers`, `verticale`…), as JSON in HTML. */
export function listAttribute(name: string): Attribute {
  return {
    default: [],
    parseHTML: (element) => {
      const raw = element.getAttribute(dataName(name))
      if (raw === null) return []
      try {
        const value: unknown = JSON.parse(raw)
        return Array.isArray(value) ? value : []
      } catch {
        return []
      }
    },
    renderHTML: (attributes) => {
      const value: unknown = attributes[name]
      return Array.isArray(value) && value.length > 0 ? { [dataName(name)]: JSON.stringify(value) } : {}
    },
  }
}
