/**
 * KALI (Légifrance's collective agreements) as JSON, in the shapes
 * negotiators get it: a `@socialgouv/kali-data` convention file (a tree of
 * `{ type, data, children }` nodes: sections `{ cid, id, intOrdre, title,
 * etat }`, articles `{ cid, id, num, content, etat }`), any section of that
 * tree, and the Légifrance API's `kaliCont` / `kaliText` answers (`sections`
 * and `articles` arrays). All become one small tree of `KaliNode`s; the
 * classification part of a whole convention is found by its section titles.
 */
import { ImportError } from '../errors.ts'

export interface KaliNode {
  kind: 'section' | 'article'
  cid: string
  id: string
  title: string
  /** Article number as KALI gives it ("4.3", "1er"), or null. */
  num: string | null
  /** HTML of an article; '' for sections. */
  content: string
  etat: string | null
  children: KaliNode[]
}

export interface KaliDocument {
  root: KaliNode
  /** IDCC of the convention when the file says it. */
  idcc: string | null
  /** The root is a whole convention (not one section or text). */
  whole: boolean
}

type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '')

/** Does this parsed JSON look like KALI (either shape)? */
export function isKaliJson(value: unknown): boolean {
  if (!isObject(value)) return false
  if (isObject(value.data) && Array.isArray(value.children) && typeof value.type === 'string') return true
  const api = Array.isArray(value.sections) || Array.isArray(value.articles)
  return api && /^KALI/u.test(str(value.id) || str(value.cid) || str(value.textId) || 'KALI')
}

const MAX_NODES = 200_000

/** Normalises a parsed KALI JSON value; throws `KALI_INVALID` on another shape. */
export function readKali(value: unknown): KaliDocument {
  if (!isKaliJson(value)) {
    throw new ImportError('KALI_INVALID', "Ce JSON n'a la forme ni d'un fichier KALI (@socialgouv/kali-data), ni d'une réponse de l'API Légifrance (kaliCont, kaliText).")
  }
  const json = value as Json
  let count = 0
  const budget = (): void => {
    if (++count > MAX_NODES) throw new ImportError('KALI_INVALID', `Fichier KALI trop grand : plus de ${MAX_NODES} sections et articles.`)
  }
  if (isObject(json.data)) {
    const fromTree = (node: Json): KaliNode | null => {
      budget()
      const data = isObject(node.data) ? node.data : {}
      const kind = node.type === 'article' ? 'article' : 'section'
      const children = Array.isArray(node.children) ? node.children.filter(isObject).map(fromTree).filter((n): n is KaliNode => n !== null) : []
      return makeNode(kind, data, children)
    }
    const root = fromTree(json) as KaliNode
    const data = json.data as Json
    const whole = /convention/iu.test(str(json.type)) || /^KALICONT/u.test(str(data.id))
    return { root, idcc: str(data.num) || null, whole }
  }
  // Légifrance API: { id, title, sections: [{ …, articles, sections }], articles }.
  const fromApi = (node: Json, kind: 'section' | 'article'): KaliNode => {
    budget()
    if (kind === 'article') return makeNode('article', node, [])
    const articles = Array.isArray(node.articles) ? node.articles.filter(isObject).map((a) => fromApi(a, 'article')) : []
    const sections = Array.isArray(node.sections) ? node.sections.filter(isObject).map((s) => fromApi(s, 'section')) : []
    const children = [...articles, ...sections].sort((a, b) => order(a) - order(b))
    return makeNode('section', node, children)
  }
  const root = fromApi(json, 'section')
  const idcc = str(json.idcc) || str(json.num) || null
  return { root, idcc: idcc && /^\d{1,5}$/u.test(idcc) ? idcc : null, whole: /^KALICONT/u.test(str(json.id)) }
}

const orders = new WeakMap<KaliNode, number>()
const order = (n: KaliNode): number => orders.get(n) ?? 0

function makeNode(kind: 'section' | 'article', data: Json, children: KaliNode[]): KaliNode {
  const content = str(data.content) || str(data.texte) || str(data.texteHtml)
  const node: KaliNode = {
    kind,
    cid: str(data.cid) || str(data.id),
    id: str(data.id) || str(data.cid),
    title: str(data.title) || str(data.titre) || str(data.intitule),
    num: str(data.num) || null,
    content: kind === 'article' ? content : '',
    etat: str(data.etat) || null,
    children: children.sort((a, b) => order(a) - order(b)),
  }
  const intOrdre = Number(data.intOrdre ?? data.ordre)
  orders.set(node, Number.isFinite(intOrdre) ? intOrdre : 0)
  return node
}

/** KALI states of a text or article no longer in force. */
const NOT_IN_FORCE = /^(ABROGE|ABROGE_DIFF|PERIME|MODIFIE|MODIFIE_MORT_NE|ANNULE|DISJOINT|REMPLACE|TRANSFERE|MORT_NE)$/u

export function inForce(node: KaliNode): boolean {
  return node.etat === null || !NOT_IN_FORCE.test(node.etat)
}

export function findNode(root: KaliNode, cid: string): KaliNode | null {
  const stack = [root]
  while (stack.length > 0) {
    const node = stack.pop() as KaliNode
    if (node.cid === cid || node.id === cid) return node
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as KaliNode)
  }
  return null
}

export interface SectionCandidate {
  node: KaliNode
  score: number
  articles: number
}

const CLASSIFICATION = /\bclassifications?\b/iu

/**
 * Sections whose title names the classification, best first: in force, a
 * part of the convention itself (« Titre IV : Classifications », « Annexe I.
 * Classification… ») before an avenant or an interpretation about it; nested
 * candidates give way to the outermost one.
 */
export function classificationCandidates(root: KaliNode): SectionCandidate[] {
  const found: SectionCandidate[] = []
  const visit = (node: KaliNode, insideCandidate: boolean): void => {
    if (node.kind !== 'section') return
    let candidate = false
    if (node !== root && inForce(node) && !insideCandidate) {
      const score = titleScore(node.title)
      if (score > 0) {
        const articles = countArticles(node)
        if (articles > 0) {
          found.push({ node, score, articles })
          candidate = true
        }
      }
    }
    for (const child of node.children) visit(child, insideCandidate || candidate)
  }
  visit(root, false)
  return found.sort((a, b) => b.score - a.score || b.articles - a.articles)
}

function titleScore(title: string): number {
  const t = title.trim()
  let score = 0
  if (CLASSIFICATION.test(t)) score += 4
  else if (/\bgrilles?\b/iu.test(t) && !/salaires?|r[ée]mun[ée]rations?|minima/iu.test(t)) score += 2
  else if (/\b(emplois?|fonctions?|m[ée]tiers?)[- ]rep[èe]res\b/iu.test(t)) score += 3
  else return 0
  if (/^(titre|annexe|chapitre)\b/iu.test(t)) score += 3
  if (/^(avenant|accord|avis|protocole|arr[êe]t[ée]|d[ée]cision|interpr[ée]tation|bilan|guide)\b/iu.test(t)) score -= 3
  return Math.max(score, 1)
}

function countArticles(node: KaliNode): number {
  let n = 0
  const stack = [node]
  while (stack.length > 0) {
    const cur = stack.pop() as KaliNode
    if (cur.kind === 'article' && inForce(cur)) n++
    stack.push(...cur.children)
  }
  return n
}
