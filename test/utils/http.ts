/**
 * A small HTTP client for API tests: JSON in and out, a cookie jar (so a
 * client logged in stays logged in), the headers the CSRF rule expects, and
 * responses decoded once.
 *
 *   const alice = new ApiClient(server.url)
 *   await alice.login('alice@test.fr', PASSWORD)
 *   const res = await alice.post('/api/negotiations', { title: 'X' })
 *   expect(res.status).toBe(201); res.json.negotiation.id
 */
export interface ApiResponse<T = any> {
  status: number
  headers: Headers
  text: string
  /** The decoded JSON body, or undefined when the body is not JSON. */
  json: T
}

export interface RequestInitLite {
  /** A value sent as JSON (Content-Type: application/json). */
  json?: unknown
  /** A raw body; set `headers['content-type']` yourself. */
  body?: string | Uint8Array
  headers?: Record<string, string>
}

export class ApiClient {
  readonly cookies = new Map<string, string>()

  constructor(readonly baseUrl: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  async request<T = any>(method: string, path: string, init: RequestInitLite = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...init.headers }
    if (this.cookies.size > 0) headers.cookie = this.cookieHeader()
    let body: string | Uint8Array | undefined = init.body
    if (init.json !== undefined) {
      headers['content-type'] ??= 'application/json'
      body = JSON.stringify(init.json)
    }
    const res = await fetch(new URL(path, this.baseUrl), { method, headers, body: body as BodyInit | undefined, redirect: 'manual' })
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      const expired = attrs.some((a) => /max-age=0/i.test(a) || /expires=thu, 01 jan 1970/i.test(a))
      if (expired || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    const text = await res.text()
    let json: any
    try { json = JSON.parse(text) } catch { json = undefined }
    return { status: res.status, headers: res.headers, text, json }
  }

  get<T = any>(path: string, init?: RequestInitLite) { return this.request<T>('GET', path, init) }
  post<T = any>(path: string, json: unknown = {}, init: RequestInitLite = {}) { return this.request<T>('POST', path, { ...init, json }) }
  put<T = any>(path: string, json: unknown, init: RequestInitLite = {}) { return this.request<T>('PUT', path, { ...init, json }) }
  delete<T = any>(path: string, init?: RequestInitLite) { return this.request<T>('DELETE', path, { ...init, headers: { 'x-requested-with': 'paritaire', ...init?.headers } }) }

  /** Logs in; throws with the server's message when refused. */
  async login(email: string, password: string): Promise<this> {
    const res = await this.post('/api/auth/login', { email, password })
    if (res.status !== 200) throw new Error(`connexion refusée pour ${email} : ${res.status} ${res.text}`)
    return this
  }
}
