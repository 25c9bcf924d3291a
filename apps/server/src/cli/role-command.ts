/**
 * `paritaire db-role NOM`: creates (or updates) the Postgres role the server
 * runs as in production — it may read and write rows, nothing more. Run it
 * as the owner of the tables (the DATABASE_URL `paritaire migrate` uses),
 * after each migration. The role owns nothing, so it can neither ALTER a
 * table, nor disable a trigger, nor TRUNCATE; and it may not even UPDATE or
 * DELETE the append-only tables, whose triggers refuse it anyway. Password
 * on standard input (or prompted), like `user add`.
 */
import { sql } from 'kysely'
import { loadConfig } from '../config.ts'
import { openAndMigrate } from '../server.ts'
import type { CliIo } from './commands.ts'
import { parseArgs } from './args.ts'
import { readPassword } from './password-input.ts'

const APPEND_ONLY = ['signatures', 'publications', 'audit_events', 'oppositions', 'notifications', 'ledger_events', 'ledger_seals']
const NAME = /^[a-z_][a-z0-9_]{0,62}$/

export async function runRoleCommand(args: string[], io: CliIo): Promise<number> {
  const [name] = parseArgs(args).positionals
  if (!name || !NAME.test(name)) {
    io.stderr.write('Utilisation : paritaire db-role NOM   (NOM en minuscules ; mot de passe sur l’entrée standard)\n')
    return 2
  }
  const config = loadConfig()
  if (!config.databaseUrl) {
    io.stderr.write('db-role ne sert qu’avec Postgres (DATABASE_URL) : la base embarquée n’a pas de rôles.\n')
    return 2
  }
  const password = await readPassword(io.stderr)
  if (password.length < 12) { io.stderr.write('Mot de passe trop court (12 caractères au moins).\n'); return 1 }
  const literal = `'${password.replace(/'/g, "''")}'`
  const database = await openAndMigrate(config)
  try {
    const db = database.db
    const exists = await sql<{ n: number }>`select count(*)::int as n from pg_roles where rolname = ${name}`.execute(db)
    if (Number(exists.rows[0]?.n ?? 0) === 0) await sql.raw(`create role ${name} login`).execute(db)
    const statements = [
      `alter role ${name} with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password ${literal}`,
      `grant connect on database "${(await sql<{ d: string }>`select current_database() as d`.execute(db)).rows[0]?.d ?? ''}" to ${name}`,
      `grant usage on schema public to ${name}`,
      `revoke create on schema public from ${name}`,
      `grant select, insert, update, delete on all tables in schema public to ${name}`,
      `revoke update, delete, truncate on ${APPEND_ONLY.join(', ')} from ${name}`,
      `grant usage, select on all sequences in schema public to ${name}`,
    ]
    for (const s of statements) await sql.raw(s).execute(db)
  } finally {
    await database.close()
  }
  io.stdout.write(`Rôle « ${name} » prêt : lecture et écriture des lignes seulement. Démarrez le serveur avec DATABASE_URL=postgres://${name}:…@…\n`)
  return 0
}
