/**
 * The application shell: the sign-in gate, the top bar and the screen that
 * the address names. Unknown addresses get a French "page introuvable".
 */
import { lazy, Suspense } from 'react'
import { TopBar } from './components/TopBar.tsx'
import { Loading } from './components/feedback.tsx'
import { href, parseRoute, useRoute } from './router.ts'
import { useSession } from './session.tsx'

// Every screen loads on first visit: what a bookmark to a fiche downloads
// first is React, the shell and the fiche screen (TipTap + Yjs), not the
// sign-in form nor the list of negotiations.
const loadNegotiations = () => import('./screens/NegotiationsScreen.tsx')
const LoginScreen = lazy(() => import('./screens/LoginScreen.tsx').then((m) => ({ default: m.LoginScreen })))
const NegotiationsScreen = lazy(() => loadNegotiations().then((m) => ({ default: m.NegotiationsScreen })))
const FicheScreen = lazy(() => import('./screens/FicheScreen.tsx').then((m) => ({ default: m.FicheScreen })))
const CompareScreen = lazy(() => import('./screens/CompareScreen.tsx').then((m) => ({ default: m.CompareScreen })))
const NegotiationScreen = lazy(() => import('./screens/NegotiationScreen.tsx').then((m) => ({ default: m.NegotiationScreen })))
const HistoryScreen = lazy(() => import('./screens/HistoryScreen.tsx').then((m) => ({ default: m.HistoryScreen })))
const ImportScreen = lazy(() => import('./screens/ImportScreen.tsx').then((m) => ({ default: m.ImportScreen })))

// « Mes négociations » is where most visits start: when the address asks
// for it, its download runs alongside the session check instead of after it.
if (['negotiations', 'login'].includes(parseRoute(window.location.hash).name)) void loadNegotiations().catch(() => {})

export function App() {
  const { me, loading } = useSession()
  const route = useRoute()

  if (loading) {
    return (
      <main className="page page--center">
        <Loading />
      </main>
    )
  }
  if (!me) {
    return (
      <Suspense
        fallback={
          <main className="page page--center">
            <Loading />
          </main>
        }
      >
        <LoginScreen />
      </Suspense>
    )
  }

  return (
    <>
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <TopBar />
      <main id="contenu" className="page" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Screen route={route} />
        </Suspense>
      </main>
    </>
  )
}

function Screen({ route }: { route: ReturnType<typeof useRoute> }) {
  switch (route.name) {
    case 'login':
    case 'negotiations':
      return <NegotiationsScreen />
    case 'negotiation':
      return <NegotiationScreen key={route.id} negotiationId={route.id} proposal={route.proposal ?? null} />
    case 'import':
      return <ImportScreen key={route.id} negotiationId={route.id} />
    case 'history':
      return <HistoryScreen key={route.id} negotiationId={route.id} />
    case 'compare':
      return <CompareScreen key={route.id} negotiationId={route.id} from={route.from} to={route.to} proposal={route.proposal ?? null} />
    case 'fiche':
      return <FicheScreen key={route.id} ficheId={route.id} highlight={route.q ?? null} />
    case 'notFound':
      return (
        <section className="card">
          <h1>Page introuvable</h1>
          <p>
            L'adresse <code>{route.path}</code> ne correspond à aucune page.{' '}
            <a href={href({ name: 'negotiations' })}>Revenir à mes négociations</a>
          </p>
        </section>
      )
  }
}
