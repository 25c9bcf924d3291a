/** The amendment routes the editor calls (see docs/api.md « Amendements »). */
import type { Amendment } from '@paritaire/schema/editing'
import { api } from '../../api/http.ts'

export type AmendmentDeciders = 'chair' | 'chair_and_editors'

export interface AmendmentDecisionRecord {
  id: string
  at: string
  action: 'amendment.accept' | 'amendment.reject' | 'amendment.withdraw'
  amendmentId: string
  user: string | null
  organisation: string | null
  details: { inserted?: string; deleted?: string; field?: string | null; newValue?: unknown; proposedBy?: { organisation?: string } }
}

export interface FicheAmendments {
  negotiationId: string
  amendments: Amendment[]
  decisions: AmendmentDecisionRecord[]
  deciders: AmendmentDeciders
  canDecide: boolean
  canPropose: boolean
}

const enc = encodeURIComponent

export function getFicheAmendments(ficheId: string): Promise<FicheAmendments> {
  return api(`/api/fiches/${enc(ficheId)}/amendments`)
}

/** The tableau des amendements of the whole negotiation (HTML page or Word document with tracked changes). */
export function amendmentTableauUrl(negotiationId: string, format: 'html' | 'docx'): string {
  return `/api/negotiations/${enc(negotiationId)}/amendments/tableau?format=${format}`
}

export function decideAmendments(
  ficheId: string,
  decision: 'accept' | 'reject' | 'withdraw',
  filter: { ids?: string[]; organisation?: string },
): Promise<{ decided: Amendment[]; amendments: Amendment[] }> {
  return api(`/api/fiches/${enc(ficheId)}/amendments/${decision}`, { method: 'POST', body: filter })
}

export function getAmendmentSettings(negotiationId: string): Promise<{ deciders: AmendmentDeciders; canDecide: boolean }> {
  return api(`/api/negotiations/${enc(negotiationId)}/amendment-settings`)
}

export function setAmendmentSettings(negotiationId: string, deciders: AmendmentDeciders): Promise<{ deciders: AmendmentDeciders }> {
  return api(`/api/negotiations/${enc(negotiationId)}/amendment-settings`, { method: 'PUT', body: { deciders } })
}

export const DECIDERS_LABELS: Record<AmendmentDeciders, string> = {
  chair: 'La présidence',
  chair_and_editors: 'La présidence et les organisations en rédaction',
}
