/**
 * Loads something for a screen and keeps its three states (loading, value,
 * error) plus a `reload`, so that every screen shows progress and failures
 * the same way. A newer load supersedes an older one still in flight.
 */
import { useCallback, useEffect, useRef, useState } from 'react'

export interface AsyncState<T> {
  value: T | undefined
  error: Error | undefined
  loading: boolean
  reload(): void
}

export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): AsyncState<T> {
  const [value, setValue] = useState<T>()
  const [error, setError] = useState<Error>()
  const [loading, setLoading] = useState(true)
  const [tick, setTick] = useState(0)
  const generation = useRef(0)

  useEffect(() => {
    const mine = ++generation.current
    setLoading(true)
    load()
      .then((result) => {
        if (mine !== generation.current) return
        setValue(result)
        setError(undefined)
      })
      .catch((cause: unknown) => {
        if (mine !== generation.current) return
        setError(cause instanceof Error ? cause : new Error(String(cause)))
      })
      .finally(() => {
        if (mine === generation.current) setLoading(false)
      })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick])

  const reload = useCallback(() => setTick((t) => t + 1), [])
  return { value, error, loading, reload }
}
