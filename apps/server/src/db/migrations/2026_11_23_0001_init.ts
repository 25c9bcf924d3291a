/**
 * Initial schema (frozen: never edit; add a new migration instead).
 * Organisations, users, sessions, negotiations and memberships, texts and
 * fiches (canonical JSON plus the fiche's Y.Doc state), versions with their
 * hash chain, signatures, publications and the append-only audit log. The
 * immutability rules live here as triggers, so that they hold even against
 * raw SQL: signed and published versions cannot change (except
 * signed → published) nor disappear; signatures, publications and audit
 * events are append-only.
 */
import { sql, type Kysely } from 'kysely'

const statements = [
  `
    create table organisations (
      id text primary key,
      name text not null unique,
      kind text not null check (kind in ('union', 'employer', 'administration')),
      created_at timestamptz not null default now()
    )
  `,
  `
    create table users (
      id text primary key,
      email text not null unique,
      name text not null,
      organisation_id text not null references organisations(id),
      password_hash text not null,
      created_at timestamptz not null default now()
    )
  `,
  `
    create table sessions (
      id text primary key,
      token_hash text not null unique,
      user_id text not null references users(id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    )
  `,
  `
    create index sessions_user_idx on sessions(user_id)
  `,
  `
    create table negotiations (
      id text primary key,
      title text not null,
      idcc text,
      slug text not null unique,
      status text not null default 'open' check (status in ('open', 'closed')),
      created_by_organisation_id text not null references organisations(id),
      created_at timestamptz not null default now()
    )
  `,
  `
    create table memberships (
      negotiation_id text not null references negotiations(id),
      organisation_id text not null references organisations(id),
      role text not null check (role in ('chair', 'editor', 'commenter', 'viewer')),
      created_at timestamptz not null default now(),
      primary key (negotiation_id, organisation_id)
    )
  `,
  `
    create index memberships_organisation_idx on memberships(organisation_id)
  `,
  `
    create table proposals (
      id text primary key,
      negotiation_id text not null references negotiations(id),
      organisation_id text not null references organisations(id),
      title text not null,
      base_version_id text,
      created_by_user_id text not null references users(id),
      created_at timestamptz not null default now()
    )
  `,
  `
    create table texts (
      negotiation_id text not null references negotiations(id),
      proposal_id text references proposals(id),
      content jsonb not null,
      updated_at timestamptz not null default now()
    )
  `,
  `
    create unique index texts_branch_idx on texts(negotiation_id, coalesce(proposal_id, ''))
  `,
  `
    create table fiches (
      id text primary key,
      negotiation_id text not null references negotiations(id),
      proposal_id text references proposals(id),
      fiche_key text not null,
      position integer not null,
      content jsonb not null,
      ydoc_state bytea,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )
  `,
  `
    create unique index fiches_key_idx on fiches(negotiation_id, coalesce(proposal_id, ''), fiche_key)
  `,
  `
    create index fiches_branch_idx on fiches(negotiation_id, proposal_id, position)
  `,
  `
    create table versions (
      id text primary key,
      negotiation_id text not null references negotiations(id),
      proposal_id text references proposals(id),
      number integer not null,
      label text not null,
      author_organisation_id text not null references organisations(id),
      author_user_id text not null references users(id),
      created_at timestamptz not null,
      parent_id text references versions(id),
      content jsonb not null,
      ydoc_states jsonb,
      content_hash text not null,
      chain_hash text not null,
      status text not null default 'draft'
        check (status in ('draft', 'proposal', 'agreed', 'signed', 'published')),
      published_at timestamptz,
      unique (negotiation_id, number)
    )
  `,
  `
    alter table proposals add constraint proposals_base_version_fk
      foreign key (base_version_id) references versions(id)
  `,
  `
    create table signatures (
      version_id text not null references versions(id),
      organisation_id text not null references organisations(id),
      user_id text not null references users(id),
      signed_on date not null,
      created_at timestamptz not null default now(),
      primary key (version_id, organisation_id)
    )
  `,
  `
    create table publications (
      id text primary key,
      negotiation_id text not null references negotiations(id),
      version_id text not null references versions(id),
      published_by_user_id text not null references users(id),
      published_at timestamptz not null
    )
  `,
  `
    create index publications_negotiation_idx on publications(negotiation_id, published_at)
  `,
  `
    create table audit_events (
      id text primary key,
      at timestamptz not null default clock_timestamp(),
      user_id text,
      organisation_id text,
      negotiation_id text,
      action text not null,
      target_type text,
      target_id text,
      details jsonb not null default '{}'::jsonb
    )
  `,
  `
    create index audit_events_negotiation_idx on audit_events(negotiation_id, at)
  `,
  `
    create function paritaire_versions_guard() returns trigger language plpgsql as $$
    begin
      if old.status not in ('signed', 'published') then
        if tg_op = 'DELETE' then return old; end if;
        return new;
      end if;
      if tg_op = 'DELETE' then
        raise exception 'version % immuable : statut %', old.id, old.status using errcode = 'P0001';
      end if;
      if not (old.status = 'signed' and new.status in ('signed', 'published')) then
        raise exception 'version % immuable : transition % -> % interdite', old.id, old.status, new.status
          using errcode = 'P0001';
      end if;
      if (new.id, new.negotiation_id, new.proposal_id, new.number, new.label, new.author_organisation_id,
          new.author_user_id, new.created_at, new.parent_id, new.content, new.ydoc_states,
          new.content_hash, new.chain_hash)
         is distinct from
         (old.id, old.negotiation_id, old.proposal_id, old.number, old.label, old.author_organisation_id,
          old.author_user_id, old.created_at, old.parent_id, old.content, old.ydoc_states,
          old.content_hash, old.chain_hash) then
        raise exception 'version % immuable : contenu signé', old.id using errcode = 'P0001';
      end if;
      return new;
    end $$
  `,
  `
    create trigger versions_guard before update or delete on versions
      for each row execute function paritaire_versions_guard()
  `,
  `
    create function paritaire_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'table % en ajout seul : % interdit', tg_table_name, tg_op using errcode = 'P0001';
    end $$
  `,
  `
    create trigger audit_events_append_only before update or delete on audit_events
      for each row execute function paritaire_append_only()
  `,
  `
    create trigger audit_events_no_truncate before truncate on audit_events
      for each statement execute function paritaire_append_only()
  `,
  `
    create trigger signatures_append_only before update or delete on signatures
      for each row execute function paritaire_append_only()
  `,
  `
    create trigger publications_append_only before update or delete on publications
      for each row execute function paritaire_append_only()
  `,
  `
    create trigger versions_no_truncate before truncate on versions
      for each statement execute function paritaire_append_only()
  `,
]

export async function up(db: Kysely<any>): Promise<void> {
  // One statement per query: the extended protocol of both drivers runs a single statement.
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migration initiale : pas de retour arrière')
}
