/**
 * The TCP connection postgres.js talks through, with Nagle's algorithm off.
 * postgres.js opens plain `net.Socket`s and never calls `setNoDelay`, so a
 * query written while the previous one's packet is still unacknowledged
 * waits for the server's delayed ACK (up to 40 ms on Linux). The sync
 * server writes every update to the log before relaying it, with several
 * fiches committing at once on the pool: those waits were most of its
 * fan-out latency (appends of ~2 ms median, 30–60 ms at p99, for a
 * statement Postgres runs in a fraction of a millisecond).
 *
 * postgres.js takes a ready, connected socket through its `socket` option
 * (it then skips its own connect and goes on with TLS or the startup
 * message); the hosts are tried in order, as postgres.js itself does.
 */
import { connect, type Socket } from 'node:net'

interface SocketTarget {
  host: string[]
  port: number[]
  path?: string | false
}

export function connectWithoutDelay(target: SocketTarget): Promise<Socket> {
  if (target.path) return open({ path: target.path })
  const tries = target.host.map((host, i) => ({ host, port: target.port[i] ?? target.port[0] ?? 5432 }))
  return tries.reduce<Promise<Socket>>(
    (previous, next) => previous.catch(() => open(next)),
    Promise.reject(new Error('aucun hôte Postgres')),
  )
}

function open(where: { path: string } | { host: string; port: number }): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ ...where, noDelay: true })
    socket.once('connect', () => {
      socket.off('error', reject)
      resolve(socket)
    })
    socket.once('error', reject)
  })
}
