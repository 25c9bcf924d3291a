/**
 * Per-fiche sequence numbers for the sync update log (frozen: never edit).
 * A global bigserial does not commit in allocation order across
 * transactions, so an instance could not tell "no row missed" without an
 * extra locked read per commit. Instead `fiches.update_seq` counts each
 * fiche's updates: one statement bumps it (taking the row lock that orders
 * commits of that fiche across instances), inserts the rows numbered from
 * it, and NOTIFYs — a single round trip per group commit.
 */
import { sql, type Kysely } from 'kysely'

const statements = [
  `alter table fiches add column update_seq bigint not null default 0`,
  `
    update fiches f set update_seq = greatest(f.snapshot_seq,
      coalesce((select max(u.seq) from fiche_updates u where u.fiche_id = f.id), 0))
  `,
  `alter table fiche_updates alter column seq drop default`,
  `drop sequence if exists fiche_updates_seq_seq`,
  `alter table fiche_updates drop constraint fiche_updates_pkey`,
  `drop index fiche_updates_fiche_seq_idx`,
  `alter table fiche_updates add primary key (fiche_id, seq)`,
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(): Promise<void> {
  throw new Error('numérotation par fiche : pas de retour arrière')
}
