/**
 * The one way the editor talks HTTP to the server: JSON in, JSON out, the
 * session cookie sent along, and every failure turned into an `ApiError`
 * carrying the server's stable `code` and its French `message`, so screens
 * can show what went wrong without parsing anything themselves.
 */

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly path: (string | number)[] | undefined

  constructor(status: number, code: string, message: string, path?: (string | number)[]) {
    super(message)
    this.status = status
    this.code = code
    this.path = path
  }
}

/** Listeners told when any call answers 401, so the app can go back to the sign-in screen. */
const unauthorisedListeners = new Set<() => void>()
export function onUnauthorised(listener: () => void): () => void {
  unauthorisedListeners.add(listener)
  return () => unauthorisedListeners.delete(listener)
}

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return decodeURIComponent(rest.join('='))
  }
  return undefined
}

/**
 * Headers that state-changing calls carry. The server's CSRF protection may
 * check the Origin (sent by the browser), a double-submit token cookie, or a
 * custom header; sending both the header and the token covers each scheme.
 */
function csrfHeaders(): Record<string, string> {
  const headers: Record<string, string> = { 'X-Requested-With': 'paritaire' }
  const token = readCookie('paritaire_csrf') ?? readCookie('csrf') ?? readCookie('csrf_token')
  if (token) headers['X-CSRF-Token'] = token
  return headers
}

interface ErrorBody {
  error?: { code?: string; message?: string; path?: (string | number)[] }
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: ErrorBody | undefined
  try {
    body = (await response.json()) as ErrorBody
  } catch {
    body = undefined
  }
  const fallback =
    response.status === 404
      ? 'Introuvable.'
      : response.status === 403
        ? "Votre rôle ne permet pas cette action."
        : response.status === 401
          ? 'Veuillez vous connecter.'
          : `Le serveur a répondu ${response.status}.`
  return new ApiError(
    response.status,
    body?.error?.code ?? `http_${response.status}`,
    body?.error?.message ?? fallback,
    body?.error?.path,
  )
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** A JSON value, a string sent as text/plain, or bytes sent as application/octet-stream (imports). */
  body?: unknown
  signal?: AbortSignal
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET'
  const headers: Record<string, string> = { Accept: 'application/json' }
  let body: BodyInit | undefined
  if (method !== 'GET') Object.assign(headers, csrfHeaders())
  if (typeof options.body === 'string') {
    headers['Content-Type'] = 'text/plain; charset=utf-8'
    body = options.body
  } else if (options.body instanceof Uint8Array) {
    headers['Content-Type'] = 'application/octet-stream'
    body = options.body as Uint8Array<ArrayBuffer>
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  let response: Response
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: options.signal })
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause
    throw new ApiError(0, 'network', 'Le serveur est injoignable. Vérifiez votre connexion.')
  }
  if (!response.ok) {
    const error = await toApiError(response)
    if (response.status === 401 && !path.startsWith('/api/auth/')) {
      for (const listener of unauthorisedListeners) listener()
    }
    throw error
  }
  return response
}

/** Calls a JSON route and returns its decoded body (undefined for 204). */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options)
  if (response.status === 204) return undefined as T
  const type = response.headers.get('Content-Type') ?? ''
  if (!type.includes('json')) return (await response.text()) as T
  return (await response.json()) as T
}

/** Calls a route whose answer is a text document (HTML redline). */
export async function apiText(path: string, options: RequestOptions = {}): Promise<string> {
  const response = await send(path, options)
  return response.text()
}

/** Calls a route whose answer is a file (DOCX). */
export async function apiBlob(path: string, options: RequestOptions = {}): Promise<Blob> {
  const response = await send(path, options)
  return response.blob()
}
