/**
 * Entry point of the `paritaire` command (run by tsx from `npm run paritaire`
 * and `bin/paritaire.mjs`). The commands themselves are in `commands.ts`.
 */
import { main } from './commands.ts'

// `paritaire import … | head`: the reader left, so the output is no longer wanted — stop quietly, not with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0)
  throw error
})

const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr })
// Let piped output drain before exiting.
process.stdout.write('', () => process.exit(code))
