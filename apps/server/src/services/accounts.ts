/**
 * Organisations and users: creation (CLI, demo, tests) and login. Inputs are
 * checked here so that the CLI and the API give the same French messages.
 */
import type { Kysely } from 'kysely'
import type { DB, OrganisationKind } from '../db/schema.ts'
import { ORGANISATION_KINDS } from '../db/schema.ts'
import { AppError } from '../errors.ts'
import { newId } from '../ids.ts'
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password.ts'
import { findOrganisationByName, insertOrganisation, type OrganisationRow } from '../repos/organisation.repo.ts'
import { findUserByEmail, insertUser, updateUserPassword } from '../repos/user.repo.ts'
import { audit } from './audit.ts'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export async function createOrganisation(db: Kysely<DB>, name: string, kind: string): Promise<OrganisationRow> {
  const clean = name.trim()
  if (!clean || clean.length > 200) throw new AppError(400, 'nom_invalide', "Le nom de l'organisation doit compter de 1 à 200 caractères.")
  if (!ORGANISATION_KINDS.includes(kind as OrganisationKind)) {
    throw new AppError(400, 'type_invalide', `Type d'organisation inconnu « ${kind} » : attendu union, employer ou administration.`)
  }
  if (await findOrganisationByName(db, clean)) throw new AppError(409, 'organisation_existe', `L'organisation « ${clean} » existe déjà.`)
  const row = { id: newId(), name: clean, kind: kind as OrganisationKind }
  await insertOrganisation(db, row)
  await audit(db, null, 'organisation.create', { type: 'organisation', id: row.id, details: { name: clean, kind } })
  return row
}

export async function createUser(
  db: Kysely<DB>, input: { email: string; name: string; organisation: string; password: string },
): Promise<{ id: string; email: string; name: string; organisation: OrganisationRow }> {
  const email = input.email.trim().toLowerCase()
  if (!EMAIL.test(email) || email.length > 320) throw new AppError(400, 'email_invalide', `Adresse électronique invalide : « ${input.email} ».`)
  const name = input.name.trim()
  if (!name || name.length > 200) throw new AppError(400, 'nom_invalide', 'Le nom doit compter de 1 à 200 caractères.')
  const problem = passwordProblem(input.password)
  if (problem) throw new AppError(400, 'mot_de_passe_invalide', problem)
  const organisation = await findOrganisationByName(db, input.organisation)
  if (!organisation) throw new AppError(404, 'organisation_inconnue', `Organisation inconnue : « ${input.organisation} ». Créez-la d'abord (paritaire org add).`)
  if (await findUserByEmail(db, email)) throw new AppError(409, 'utilisateur_existe', `Un utilisateur « ${email} » existe déjà.`)
  const id = newId()
  await insertUser(db, { id, email, name, organisation_id: organisation.id, password_hash: await hashPassword(input.password) })
  await audit(db, null, 'user.create', { type: 'user', id, details: { email, organisation: organisation.name } })
  return { id, email, name, organisation }
}

export async function setUserPassword(db: Kysely<DB>, email: string, password: string): Promise<void> {
  const user = await findUserByEmail(db, email)
  if (!user) throw new AppError(404, 'utilisateur_inconnu', `Utilisateur inconnu : « ${email} ».`)
  const problem = passwordProblem(password)
  if (problem) throw new AppError(400, 'mot_de_passe_invalide', problem)
  await updateUserPassword(db, user.id, await hashPassword(password))
}

/** The user id when the credentials are right, else null (same answer for unknown email and wrong password). */
export async function checkCredentials(db: Kysely<DB>, email: string, password: string): Promise<string | null> {
  const user = await findUserByEmail(db, email.trim())
  if (!user) {
    // Spend the same time as a real check so response time does not reveal which emails exist.
    await verifyPassword(password, DUMMY_HASH)
    return null
  }
  return (await verifyPassword(password, user.password_hash)) ? user.id : null
}

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='
