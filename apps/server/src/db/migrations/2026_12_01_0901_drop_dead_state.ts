/**
 * Drops stored state nothing reads (frozen: never edit). `versions.ydoc_states`
 * copied each fiche's Yjs snapshot into every version, and made REST reads
 * compact (write) to keep it current; a version is its canonical content,
 * and a fiche's live state is its snapshot plus the update log.
 */
import { sql, type Kysely } from 'kysely'

/** The immutability guard of signed versions, as before, without the dropped column. */
const guard = `
  create or replace function paritaire_versions_guard() returns trigger language plpgsql as $$
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
        new.author_user_id, new.created_at, new.parent_id, new.content,
        new.content_hash, new.chain_hash)
       is distinct from
       (old.id, old.negotiation_id, old.proposal_id, old.number, old.label, old.author_organisation_id,
        old.author_user_id, old.created_at, old.parent_id, old.content,
        old.content_hash, old.chain_hash) then
      raise exception 'version % immuable : contenu signé', old.id using errcode = 'P0001';
    end if;
    return new;
  end $$
`

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(guard).execute(db)
  await sql.raw('alter table versions drop column if exists ydoc_states').execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('alter table versions add column ydoc_states jsonb').execute(db)
}
