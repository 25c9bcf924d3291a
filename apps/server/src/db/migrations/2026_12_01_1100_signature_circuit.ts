/**
 * The signature circuit and the ledger (frozen: never edit). Per
 * negotiation, the representative weight of each union (hundredths of a
 * percent, L2232-6) and the source of those weights; oppositions
 * (L2231-8) and the notification date of a version; locks the chair puts
 * on agreed fiches; and the ledger: a hash chain of every event that makes
 * a version what it is, plus the heads the server signs with a key kept
 * outside the database. Oppositions, notifications, ledger events and
 * seals are append-only, and every append-only table — signatures and
 * publications included — refuses TRUNCATE, which row triggers do not see.
 */
import { sql, type Kysely } from 'kysely'

const appendOnly = (table: string) => [
  `create trigger ${table}_append_only before update or delete on ${table}
     for each row execute function paritaire_append_only()`,
  `create trigger ${table}_no_truncate before truncate on ${table}
     for each statement execute function paritaire_append_only()`,
]

const statements = [
  `
    create table representativite (
      negotiation_id text not null references negotiations(id),
      organisation_id text not null references organisations(id),
      hundredths integer not null check (hundredths between 0 and 10000),
      primary key (negotiation_id, organisation_id)
    )
  `,
  `
    create table representativite_sources (
      negotiation_id text primary key references negotiations(id),
      source text not null,
      updated_by_user_id text not null references users(id),
      updated_at timestamptz not null default now()
    )
  `,
  `
    create table oppositions (
      version_id text not null references versions(id),
      organisation_id text not null references organisations(id),
      user_id text not null references users(id),
      motif text not null check (length(motif) > 0),
      created_at timestamptz not null default now(),
      primary key (version_id, organisation_id)
    )
  `,
  `
    create table notifications (
      version_id text primary key references versions(id),
      notified_on date not null,
      user_id text not null references users(id),
      created_at timestamptz not null default now()
    )
  `,
  `
    create table fiche_locks (
      negotiation_id text not null references negotiations(id),
      fiche_key text not null,
      reason text not null check (reason in ('accord', 'signature')),
      organisation_id text not null references organisations(id),
      user_id text not null references users(id),
      created_at timestamptz not null default now(),
      primary key (negotiation_id, fiche_key)
    )
  `,
  `
    create table ledger_events (
      negotiation_id text not null references negotiations(id),
      seq integer not null,
      at timestamptz not null,
      kind text not null,
      version_id text references versions(id),
      payload jsonb not null,
      prev_hash text not null,
      hash text not null,
      primary key (negotiation_id, seq)
    )
  `,
  `
    create table ledger_seals (
      id text primary key,
      negotiation_id text not null references negotiations(id),
      seq integer not null,
      statement jsonb not null,
      signature text not null,
      created_at timestamptz not null default now()
    )
  `,
  `create index ledger_seals_negotiation_idx on ledger_seals(negotiation_id, seq)`,
  ...appendOnly('oppositions'),
  ...appendOnly('notifications'),
  ...appendOnly('ledger_events'),
  ...appendOnly('ledger_seals'),
  `create trigger signatures_no_truncate before truncate on signatures
     for each statement execute function paritaire_append_only()`,
  `create trigger publications_no_truncate before truncate on publications
     for each statement execute function paritaire_append_only()`,
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const circuitStatement of statements) await sql.raw(circuitStatement).execute(db)
}

export async function down(): Promise<void> {
  throw new Error('circuit de signature : pas de retour arrière')
}
