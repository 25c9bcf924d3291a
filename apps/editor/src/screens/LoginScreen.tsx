/**
 * Connexion: email and password. When the server runs in demo mode it says
 * so in `GET /api/health`, and the demo logins are shown with a button to
 * fill them in, so that a first-time visitor can try Paritaire at once.
 */
import { useState, type FormEvent } from 'react'
import { getHealth, login, type ServerInfo } from '../api/endpoints.ts'
import { ErrorMessage } from '../components/feedback.tsx'
import { useAsync } from '../components/use-async.ts'
import { useSession } from '../session.tsx'
import { useDocumentTitle } from '../components/use-title.ts'

export function LoginScreen() {
  useDocumentTitle('Connexion', 'Paritaire')
  const { signedIn } = useSession()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  const info = useAsync<ServerInfo | null>(() => getHealth().catch(() => null), [])

  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      signedIn(await login(email.trim(), password))
    } catch (cause) {
      setError(cause)
    } finally {
      setBusy(false)
    }
  }

  const demoLogins = info.value?.demoLogins ?? []
  return (
    <main className="login">
      <section className="login__panel card" aria-labelledby="login-title">
        <p className="login__brand">
          <span className="topbar__logo" aria-hidden="true">§</span> Paritaire
        </p>
        <h1 id="login-title">Connexion</h1>
        <p className="muted">L'espace de négociation des classifications de branche.</p>
        <form onSubmit={(e) => void submit(e)} className="form">
          <label className="field">
            <span className="field__label">Adresse électronique</span>
            <input
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </label>
          <label className="field">
            <span className="field__label">Mot de passe</span>
            <input
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          <ErrorMessage error={error} />
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Connexion…' : 'Se connecter'}
          </button>
        </form>
        {(info.value?.demo || demoLogins.length > 0) && (
          <aside className="demo-hint" aria-label="Comptes de démonstration">
            <h2>Mode démonstration</h2>
            {demoLogins.length > 0 ? (
              <ul>
                {demoLogins.map((demo) => (
                  <li key={demo.email}>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        setEmail(demo.email)
                        setPassword(demo.password)
                      }}
                    >
                      {demo.organisation ? `${demo.organisation} — ` : ''}
                      {demo.email}
                    </button>{' '}
                    <span className="muted">mot de passe : {demo.password}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p>Les comptes de démonstration sont affichés dans la console du serveur.</p>
            )}
          </aside>
        )}
      </section>
    </main>
  )
}
