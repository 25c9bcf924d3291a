/**
 * Entry point of the `paritaire` command (run by tsx from `npm run paritaire`
 * and `bin/paritaire.mjs`). The commands themselves are in `commands.ts`.
 */
import { main } from './commands.ts'

const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr })
// Let piped output drain before exiting.
process.stdout.write('', () => process.exit(code))
