/**
 * A Server-Sent Events reader for tests: opens the stream with the given
 * cookie and collects the events as they arrive (name, parsed data), so a
 * test can poll for one or check that one never came.
 *
 *   const events = await openSse(url, cookie)
 *   await expect.poll(() => events.received.map((e) => e.data.id)).toContain(threadId)
 *   events.close()
 */
export interface SseEvent { event: string; data: any; at: number }

export interface SseStream {
  status: number
  received: SseEvent[]
  close(): void
}

export async function openSse(url: string, cookie: string): Promise<SseStream> {
  const controller = new AbortController()
  const res = await fetch(url, { headers: { cookie, accept: 'text/event-stream' }, signal: controller.signal })
  const received: SseEvent[] = []
  const stream: SseStream = { status: res.status, received, close: () => controller.abort() }
  if (res.status !== 200 || !res.body) return stream
  let ready!: () => void
  const isReady = new Promise<void>((resolve) => { ready = resolve })
  void (async () => {
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true })
        let cut: number
        while ((cut = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, cut)
          buffer = buffer.slice(cut + 2)
          let event = 'message'
          const data: string[] = []
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) event = line.slice(6).trim()
            else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''))
          }
          if (data.length === 0) continue
          if (event === 'ready') ready()
          let parsed: unknown = data.join('\n')
          try { parsed = JSON.parse(parsed as string) } catch { /* keep the text */ }
          received.push({ event, data: parsed, at: Date.now() })
        }
      }
    } catch { /* aborted */ }
  })()
  await isReady
  return stream
}
