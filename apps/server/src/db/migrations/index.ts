/**
 * The static list of migrations, by timestamped name. Kysely's `Migrator`
 * applies them in name order at boot; nothing globs the file system, so the
 * set is fixed at build time. To add one: create a new frozen file named
 * `YYYY_MM_DD_NNNN_what.ts` and add one line here.
 */
import type { Migration } from 'kysely'
import * as init from './2026_11_23_0001_init.ts'
import * as syncUpdates from './2026_11_23_0100_sync_updates.ts'
import * as syncFicheSeq from './2026_11_23_0101_sync_fiche_seq.ts'
import * as search from './2026_12_01_1510_search.ts'
import * as updateAuthors from './2026_12_01_0900_update_authors.ts'
import * as amendmentDeciders from './2026_12_01_1000_amendment_deciders.ts'
import * as signatureCircuit from './2026_12_01_1100_signature_circuit.ts'
import * as threads from './2026_12_01_1050_threads.ts'
import * as dropDeadState from './2026_12_01_0901_drop_dead_state.ts'
import * as searchBodies from './2026_12_02_1000_search_bodies.ts'
import * as organisationCreator from './2026_12_02_0947_organisation_creator.ts'
import * as searchWordsSpans from './2026_12_02_1700_search_words_spans.ts'
import * as proposalReturns from './2026_12_03_0700_proposal_returns.ts'

export const migrations: Record<string, Migration> = {
  '2026_11_23_0001_init': init,
  '2026_11_23_0100_sync_updates': syncUpdates,
  '2026_11_23_0101_sync_fiche_seq': syncFicheSeq,
  '2026_12_01_1510_search': search,
  '2026_12_01_0900_update_authors': updateAuthors,
  '2026_12_01_1000_amendment_deciders': amendmentDeciders,
  '2026_12_01_1100_signature_circuit': signatureCircuit,
  '2026_12_01_1050_threads': threads,
  '2026_12_01_0901_drop_dead_state': dropDeadState,
  '2026_12_02_1000_search_bodies': searchBodies,
  '2026_12_02_0947_organisation_creator': organisationCreator,
  '2026_12_02_1700_search_words_spans': searchWordsSpans,
  '2026_12_03_0700_proposal_returns': proposalReturns,
}
