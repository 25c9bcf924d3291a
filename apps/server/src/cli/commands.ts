/**
 * The commands of the `paritaire` command line (entry point: `main.ts`): `serve [--demo|--demo=force]`, `migrate`,
 * `org add NAME --kind …`, `user add EMAIL --org NAME --name "…"`, and the
 * `import` / `diff` / `verify` / `db-role` / `avenant` / `kali` commands, which live in their own modules. Every
 * command loads what it needs when it runs (literal dynamic imports, each a
 * chunk of the compiled CLI): `paritaire diff` never loads the server, the
 * database or the sync code. Messages are French; exit code 0 on success, 1 on a failure, 2 on
 * a usage error.
 */
import { ConfigError, DEFAULT_SESSION_SECRET, loadConfig, type Config } from '../config.ts'
import { DatabaseBusyError } from '../db/busy-error.ts'
import { AppError } from '../errors.ts'
import type { Database } from '../db/database.ts'
import { flagValue, parseArgs } from './args.ts'
import { readPassword } from './password-input.ts'

export interface CliIo {
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
  readFile?: (path: string) => Promise<string>
}

const USAGE = `Utilisation : paritaire <commande>

  serve [--demo | --demo=force] [--host ADRESSE]
                                  démarre le serveur (--demo : données de démonstration
                                  sur la base embarquée, écoute sur 127.0.0.1 seulement
                                  sauf HOST ou --host ; --demo=force : aussi sur DATABASE_URL)
  migrate                         applique les migrations de la base
  org add NOM --kind union|employer|administration
  user add EMAIL --org NOM --name "Prénom Nom"   (mot de passe lu sur l'entrée standard ou demandé)
  import FICHIER …                importe un texte (voir docs/cli.md)
  diff ANCIEN NOUVEAU …           compare deux textes (voir docs/cli.md)
  verify FICHIER|URL [--key CLÉ]  vérifie un texte publié contre la clé publique du serveur
  db-role NOM                     crée le rôle Postgres sans droits de structure pour serve
  avenant ANCIEN NOUVEAU …        rédige l'avenant du texte en vigueur au texte convenu (voir docs/diff.md)
  kali IDCC …                     importe la classification d'une convention depuis @socialgouv/kali-data
                                  s'il est installé (npm install @socialgouv/kali-data ; voir docs/cli.md)
`

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case 'serve': return await serveCommand(rest, io)
      case 'migrate': return await migrateCommand(io)
      case 'org': return await orgCommand(rest, io)
      case 'user': return await userCommand(rest, io)
      case 'import': return await (await import('./import-command.ts')).runImportCommand(rest, io)
      case 'diff': return await (await import('./diff-command.ts')).runDiffCommand(rest, io)
      case 'verify': return await (await import('./verify-command.ts')).runVerifyCommand(rest, io)
      case 'db-role': return await (await import('./role-command.ts')).runRoleCommand(rest, io)
      case 'avenant': return await (await import('./avenant-command.ts')).runAvenantCommand(rest, io)
      case 'kali': return await (await import('./kali-command.ts')).runKaliCommand(rest, io)
      case undefined: case 'help': case '--help': case '-h':
        io.stdout.write(USAGE)
        return command === undefined ? 2 : 0
      default:
        io.stderr.write(`Commande inconnue : « ${command} ».\n\n${USAGE}`)
        return 2
    }
  } catch (err) {
    io.stderr.write(`Erreur : ${describeError(err)}\n`)
    return 1
  }
}

/** A French sentence an operator can act on, for the failures a start or a command meets. */
function describeError(err: unknown): string {
  if (err instanceof AppError || err instanceof ConfigError || err instanceof DatabaseBusyError) return err.message
  const e = err as { code?: string; message?: string; port?: number; address?: string }
  switch (e.code) {
    case 'EADDRINUSE': return `le port ${e.port ?? ''} est déjà utilisé ; choisissez-en un autre avec PORT=…`
    case 'EACCES': return `accès refusé (${e.message ?? ''}) ; vérifiez le port et les droits sur DATA_DIR`
    case 'ECONNREFUSED': case 'ENOTFOUND': case 'ETIMEDOUT':
      return `la base de données est injoignable (${e.message ?? e.code}) ; vérifiez DATABASE_URL`
    case '28P01': case '28000': return 'la base de données a refusé l’authentification ; vérifiez DATABASE_URL'
    case '3D000': return 'la base de données indiquée dans DATABASE_URL n’existe pas'
    default: return `erreur inattendue : ${err instanceof Error ? err.message : String(err)}`
  }
}

function describeDatabase(config: Config): string {
  return config.databaseUrl ? 'Postgres (DATABASE_URL)' : `base embarquée PGlite (${config.dataDir})`
}

async function serveCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['host'])
  const demoFlag = parsed.flags.get('demo')
  const hostFlag = parsed.flags.get('host')
  if (hostFlag === true || hostFlag === '') {
    io.stderr.write('Indiquez une adresse après --host (par exemple --host 0.0.0.0).\n')
    return 2
  }
  let config = loadConfig()
  if (typeof hostFlag === 'string') config = { ...config, host: hostFlag, hostGiven: true }
  // --demo: demo data on the embedded database only; --demo=force: on any database.
  const wantDemo = demoFlag === 'force' || (demoFlag === true && !config.databaseUrl)
  if (demoFlag !== undefined && demoFlag !== true && demoFlag !== 'force') {
    io.stderr.write(`Valeur inconnue pour --demo : « ${String(demoFlag)} » (attendu : --demo ou --demo=force).\n`)
    return 2
  }
  // The demo passwords are public: a demo server is reachable from this machine only, unless asked otherwise.
  if (wantDemo && !config.hostGiven) config = { ...config, host: '127.0.0.1' }
  if (config.databaseUrl && config.sessionSecret === DEFAULT_SESSION_SECRET) {
    io.stderr.write('Attention : SESSION_SECRET n’est pas défini ; définissez une valeur longue et aléatoire en production.\n')
  }
  const { seedDemo, printDemoLogins } = await import('./demo.ts')
  const { startServer } = await import('../server.ts')
  const server = await startServer(config, {
    beforeListen: async (ctx) => {
      if (wantDemo) ctx.demo = await seedDemo(ctx, io)
    },
  })
  io.stdout.write(`Paritaire : ${server.url}/ (${describeDatabase(config)})\n`)
  io.stdout.write(`Écoute sur ${config.host}:${server.port}${listeningNote(config, wantDemo)}\n`)
  if (server.ctx.demo) printDemoLogins(server.ctx.demo, io)
  await new Promise<void>((resolve) => {
    const stop = () => { resolve() }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  // A stop that hangs (a query that never returns, a peer that never lets go)
  // must not keep the port and the data directory: after the deadline, say
  // what was still pending and leave with an error status.
  const deadline = config.shutdownTimeoutMs
  let timer: ReturnType<typeof setTimeout> | undefined
  const forced = new Promise<'forced'>((resolve) => { timer = setTimeout(() => resolve('forced'), deadline) })
  const outcome = await Promise.race([server.close().then(() => 'closed' as const), forced])
  clearTimeout(timer)
  if (outcome === 'forced') {
    io.stderr.write(`Arrêt forcé après ${deadline / 1000} s : l’étape « ${server.closingStep} » ne s’est pas terminée.\n`)
    return 1
  }
  return 0
}

/** Why the server listens where it does, when it matters (demo mode). */
function listeningNote(config: Config, demo: boolean): string {
  if (!demo) return ''
  if (!config.hostGiven) return ' seulement (mode démonstration : inaccessible depuis le réseau ; HOST=… ou --host … pour l’ouvrir)'
  return isLoopbackHost(config.host)
    ? ''
    : ' (mode démonstration ouvert au réseau : les mots de passe de démonstration sont publics ; ils ne sont montrés qu’aux visiteurs locaux)'
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.')
}

async function migrateCommand(io: CliIo): Promise<number> {
  const config = loadConfig()
  const { openAndMigrate } = await import('../server.ts')
  const database = await openAndMigrate(config)
  await database.close()
  io.stdout.write(`Migrations appliquées (${describeDatabase(config)}).\n`)
  return 0
}

async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const { openAndMigrate } = await import('../server.ts')
  const database = await openAndMigrate(loadConfig())
  try {
    return await fn(database)
  } finally {
    await database.close()
  }
}

async function orgCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['kind'])
  const [sub, name] = parsed.positionals
  const kind = flagValue(parsed, 'kind')
  if (sub !== 'add' || !name || !kind) {
    io.stderr.write('Utilisation : paritaire org add NOM --kind union|employer|administration\n')
    return 2
  }
  const { createOrganisation } = await import('../services/accounts.ts')
  const org = await withDatabase((database) => createOrganisation(database.db, name, kind))
  io.stdout.write(`Organisation créée : ${org.name} (${org.kind}), id ${org.id}\n`)
  return 0
}

async function userCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['org', 'name'])
  const [sub, email] = parsed.positionals
  const org = flagValue(parsed, 'org')
  const name = flagValue(parsed, 'name')
  if (sub !== 'add' || !email || !org || !name) {
    io.stderr.write('Utilisation : paritaire user add EMAIL --org NOM --name "Prénom Nom"  (mot de passe sur l’entrée standard)\n')
    return 2
  }
  const password = await readPassword(io.stderr)
  const { createUser } = await import('../services/accounts.ts')
  const user = await withDatabase((database) => createUser(database.db, { email, name, organisation: org, password }))
  io.stdout.write(`Utilisateur créé : ${user.email} (${user.name}, ${user.organisation.name})\n`)
  return 0
}
