/**
 * Comment threads and their comments (frozen: never edit; add a new
 * migration instead). A thread is anchored to a range of a fiche by two
 * encoded `Y.RelativePosition`s (base64) kept here and never in the shared
 * Y.Doc: every member receives the whole document, so a private note's
 * anchor must not live there. `quote` is the text the range held when the
 * thread was opened (shown beside it, and kept once the words are deleted).
 * `visibility` is `negotiation` (every member) or `organisation` (only
 * members of `organisation_id`, the author's organisation).
 */
import { sql, type Kysely } from 'kysely'

const statements = [
  `
    create table threads (
      id text primary key,
      fiche_id text not null references fiches(id) on delete cascade,
      negotiation_id text not null references negotiations(id) on delete cascade,
      visibility text not null check (visibility in ('negotiation', 'organisation')),
      organisation_id text not null references organisations(id),
      author_user_id text not null references users(id),
      section text,
      anchor_start text not null,
      anchor_end text not null,
      quote text not null,
      resolved_at timestamptz,
      resolved_by_user_id text references users(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )
  `,
  `create index threads_fiche_idx on threads(fiche_id, created_at)`,
  `create index threads_negotiation_idx on threads(negotiation_id)`,
  `
    create table thread_comments (
      id text primary key,
      thread_id text not null references threads(id) on delete cascade,
      author_user_id text not null references users(id),
      organisation_id text not null references organisations(id),
      body text not null,
      created_at timestamptz not null default now(),
      edited_at timestamptz,
      deleted_at timestamptz
    )
  `,
  `create index thread_comments_thread_idx on thread_comments(thread_id, created_at)`,
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('drop table thread_comments').execute(db)
  await sql.raw('drop table threads').execute(db)
}
