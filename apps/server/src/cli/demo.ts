/**
 * Demo data for `npm start` (`serve --demo`): organisations CGT and CFDT
 * (unions), FNP (employer federation) and DGT (administration) with one user
 * each, and the negotiation "Classifications — Photographie (IDCC 3168)"
 * chaired by FNP, CGT and CFDT editors, DGT viewer, its text imported from
 * the corpus avenant with a first version. Idempotent: a second start finds
 * the demo users and changes nothing.
 */
import { listWeights, replaceWeights } from '../repos/circuit.repo.ts'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { AppContext, DemoInfo } from '../context.ts'
import { findUserByEmail } from '../repos/user.repo.ts'
import { findNegotiationBySlug, upsertMembership } from '../repos/negotiation.repo.ts'
import { findOrganisationByName } from '../repos/organisation.repo.ts'
import { sessionIdentityOf } from '../services/identity.ts'
import { createOrganisation, createUser } from '../services/accounts.ts'
import { createNegotiation } from '../services/negotiations.ts'
import { importIntoNegotiation } from '../services/import.ts'
import { createVersion } from '../services/versions.ts'
import type { CliIo } from './commands.ts'

export const DEMO_PASSWORD = 'paritaire-demo'
export const DEMO_TITLE = 'Classifications — Photographie (IDCC 3168)'
const DEMO_SOURCE = 'test/fixtures/corpus/004_cf39432f65990045.txt'

const ORGS = [
  { name: 'FNP', kind: 'employer', email: 'fnp@demo.paritaire.fr', user: 'Françoise Martin (FNP)', role: 'chair' },
  { name: 'CGT', kind: 'union', email: 'cgt@demo.paritaire.fr', user: 'Karim Benali (CGT)', role: 'editor' },
  { name: 'CFDT', kind: 'union', email: 'cfdt@demo.paritaire.fr', user: 'Sophie Leroy (CFDT)', role: 'editor' },
  { name: 'DGT', kind: 'administration', email: 'dgt@demo.paritaire.fr', user: 'Paul Durand (DGT)', role: 'viewer' },
] as const

export async function seedDemo(ctx: AppContext, io: CliIo): Promise<DemoInfo> {
  const db = ctx.database.db
  const logins = ORGS.map((o) => ({ email: o.email, password: DEMO_PASSWORD, organisation: o.name, name: o.user, role: o.role }))
  if (await findUserByEmail(db, ORGS[0].email)) return { logins }

  for (const o of ORGS) {
    if (!(await findOrganisationByName(db, o.name))) await createOrganisation(db, o.name, o.kind)
    if (!(await findUserByEmail(db, o.email))) await createUser(db, { email: o.email, name: o.user, organisation: o.name, password: DEMO_PASSWORD })
  }
  const chair = await sessionIdentityOf(db, ORGS[0].email)
  const negotiation = (await findNegotiationBySlug(db, 'classifications-photographie-idcc-3168'))
    ?? await createNegotiation(ctx, chair, { title: DEMO_TITLE, idcc: '3168' })
  for (const o of ORGS.slice(1)) {
    const org = await findOrganisationByName(db, o.name)
    if (org) await upsertMembership(db, negotiation.id, org.id, o.role)
  }
  // Representativeness of the demo's unions (L2232-6): CGT alone stays under 30 %, CGT and CFDT together pass 50 %.
  const cgt = await findOrganisationByName(db, 'CGT')
  const cfdt = await findOrganisationByName(db, 'CFDT')
  if (cgt && cfdt && (await listWeights(db, negotiation.id)).length === 0) {
    await replaceWeights(db, negotiation.id, [{ organisationId: cgt.id, hundredths: 2850 }, { organisationId: cfdt.id, hundredths: 3120 }],
      'Démonstration : arrêté de représentativité fictif', chair.user.id)
  }
  try {
    const source = await readFile(join(ctx.config.repoRoot, DEMO_SOURCE), 'utf8')
    const result = await importIntoNegotiation(ctx, chair, negotiation.id, source, { fileName: '004_cf39432f65990045.txt' })
    await createVersion(ctx, chair, negotiation.id, { label: 'Avenant du 11 mars 2024 (texte importé)' })
    io.stderr.write(`Démo : ${result.created} fiches importées.\n`)
  } catch (err) {
    io.stderr.write(`Démo : import du texte impossible (${err instanceof Error ? err.message : String(err)}) ; la négociation reste vide.\n`)
  }
  return { logins }
}

export function printDemoLogins(demo: DemoInfo, io: CliIo): void {
  io.stdout.write('Comptes de démonstration (mot de passe : ' + DEMO_PASSWORD + ') :\n')
  for (const l of demo.logins) io.stdout.write(`  ${l.email.padEnd(26)} ${l.organisation.padEnd(5)} ${l.role}\n`)
}
