/**
 * Who is signed in. The app asks `GET /api/me` once at start; screens read
 * the person and organisation from this context. Any 401 from the API
 * (expired session) sends the user back to the sign-in screen.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { getMe, logout as apiLogout } from './api/endpoints.ts'
import { onUnauthorised } from './api/http.ts'
import type { Me } from './api/types.ts'
import { navigate, parseRoute } from './router.ts'

interface SessionValue {
  me: Me | null
  /** True until the first `GET /api/me` has answered. */
  loading: boolean
  signedIn(me: Me): void
  signOut(): Promise<void>
}

const SessionContext = createContext<SessionValue | null>(null)

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null)
  const [loading, setLoading] = useState(true)

  useEffect(() => {
    let live = true
    getMe()
      .then((value) => live && setMe(value))
      .catch(() => live && setMe(null))
      .finally(() => live && setLoading(false))
    const off = onUnauthorised(() => setMe(null))
    return () => {
      live = false
      off()
    }
  }, [])

  const signOut = useCallback(async () => {
    try {
      await apiLogout()
    } finally {
      setMe(null)
      // The address says where we are: the sign-in page, not the last screen.
      navigate({ name: 'login' }, { replace: true })
    }
  }, [])

  const signedIn = useCallback((value: Me) => {
    setMe(value)
    // Signed in from the sign-in page: on to « Mes négociations ». From a
    // deep link (a fiche sent by a colleague), stay on it.
    if (parseRoute(window.location.hash).name === 'login') navigate({ name: 'negotiations' }, { replace: true })
  }, [])

  const value = useMemo<SessionValue>(() => ({ me, loading, signedIn, signOut }), [me, loading, signedIn, signOut])
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext)
  if (!value) throw new Error('useSession outside SessionProvider')
  return value
}

/** The signed-in person; only for screens rendered behind the sign-in gate. */
export function useMe(): Me {
  const { me } = useSession()
  if (!me) throw new Error('useMe without a session')
  return me
}
