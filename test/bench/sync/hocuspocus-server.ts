/**
 * The Hocuspocus peer of the benchmark: @hocuspocus/server 4.7.0 with its
 * Database extension storing each document's full Yjs state to Postgres
 * (table `hp_documents`), as its documentation shows. HP_DEBOUNCE unset
 * keeps its default store debounce (2 s, at most 10 s: a crash loses up to
 * 10 s of edits by design); HP_DEBOUNCE=0 stores each change as it comes.
 * Run as its own process: `node --import tsx hocuspocus-server.ts`.
 */
import { Server } from '@hocuspocus/server'
import { Database } from '@hocuspocus/extension-database'
import postgres from 'postgres'

const url = process.env.HP_DATABASE_URL
const port = Number(process.env.PORT)
if (!url || !port) throw new Error('HP_DATABASE_URL et PORT sont requis')
const sql = postgres(url, { max: 4, onnotice: () => {} })

const server = new Server({
  port,
  address: '127.0.0.1',
  quiet: true,
  ...(process.env.HP_DEBOUNCE !== undefined ? { debounce: Number(process.env.HP_DEBOUNCE), maxDebounce: Math.max(Number(process.env.HP_DEBOUNCE), 1) } : {}),
  extensions: [
    new Database({
      fetch: async ({ documentName }) => {
        const [row] = await sql<{ data: Uint8Array }[]>`select data from hp_documents where name = ${documentName}`
        return row ? new Uint8Array(row.data) : null
      },
      store: async ({ documentName, state }) => {
        await sql`insert into hp_documents (name, data) values (${documentName}, ${state})
          on conflict (name) do update set data = excluded.data`
      },
    }),
  ],
})
await server.listen()
console.log(`hocuspocus prêt sur ${port}`)
