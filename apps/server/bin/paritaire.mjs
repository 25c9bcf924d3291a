#!/usr/bin/env node
// The `paritaire` command: the compiled server (apps/server/build.mjs, run by
// `npm start` / `npm run paritaire`), so that no TypeScript is loaded at run time.
import { existsSync } from 'node:fs'

const compiled = new URL('../dist/paritaire.js', import.meta.url)
if (!existsSync(compiled)) {
  console.error('paritaire : le serveur n’est pas compilé ; lancez « npm run paritaire -- … » depuis le dépôt (ou node apps/server/build.mjs).')
  process.exit(1)
}
await import(compiled.href)
