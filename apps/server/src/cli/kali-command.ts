/**
 * `paritaire kali IDCC [--format json|md|text] [--section CID]`: imports the
 * classification of a convention from an installed `@socialgouv/kali-data`
 * package (Légifrance's KALI database as JSON). The package is 20–70 MB, so
 * Paritaire never depends on it: it is looked up in the `node_modules` of the
 * current directory and its parents, then of the project, as Node would
 * resolve it; when it is absent the command says in French how to install
 * it and exits 2. The convention is found by its IDCC in the package's
 * `data/index.json`, its file `data/KALICONT….json` is read by the KALI
 * importer (`paritaire import FILE --idcc IDCC`, same output and warnings).
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runImportCommand, type ImportCommandIo } from './import-command.ts'

export const KALI_PACKAGE = '@socialgouv/kali-data'

export const KALI_USAGE = `Utilisation : paritaire kali IDCC [--format json|md|text] [--section CID]

  Importe la classification de la convention collective d'IDCC donné depuis le paquet
  ${KALI_PACKAGE} (les conventions de Légifrance en JSON), s'il est installé dans le
  dossier courant (ou un dossier parent) ou dans le projet. Même sortie que
  paritaire import FICHIER --idcc IDCC. Le paquet n'est pas livré avec Paritaire
  (20 à 70 Mo) : npm install ${KALI_PACKAGE}
`

/** Where the command looks for the package: the current directory, then the project. */
function defaultSearchRoots(): string[] {
  return [process.cwd(), dirname(fileURLToPath(import.meta.url))]
}

/** The package's directory, found as Node resolves a package: `node_modules` of each directory up to the root. */
export function findKaliData(roots: readonly string[]): string | null {
  for (const root of roots) {
    let dir = resolve(root)
    for (;;) {
      const candidate = join(dir, 'node_modules', ...KALI_PACKAGE.split('/'))
      if (existsSync(join(candidate, 'package.json'))) return candidate
      const parent = dirname(dir)
      if (parent === dir) break
      dir = parent
    }
  }
  return null
}

interface IndexEntry {
  id?: unknown
  num?: unknown
  title?: unknown
  shortTitle?: unknown
}

class KaliDataError extends Error {}

/** The file of the convention numbered `idcc` in the package, from its index. */
function conventionFile(packageDir: string, idcc: string): { file: string; title: string } {
  const indexPath = join(packageDir, 'data', 'index.json')
  let index: unknown
  try {
    index = JSON.parse(readFileSync(indexPath, 'utf8'))
  } catch {
    throw new KaliDataError(`le paquet ${KALI_PACKAGE} trouvé dans ${packageDir} n'a pas d'index lisible (data/index.json) ; réinstallez-le.`)
  }
  const entries = Array.isArray(index) ? (index as IndexEntry[]) : []
  const entry = entries.find((e) => e && (typeof e.num === 'number' || typeof e.num === 'string') && Number(e.num) === Number(idcc))
  if (!entry) throw new KaliDataError(`aucune convention d'IDCC ${idcc} dans ${KALI_PACKAGE} (${packageDir}).`)
  // The id names a file of data/: it must be a KALI container id, never a path.
  if (typeof entry.id !== 'string' || !/^KALICONT\d{12}$/u.test(entry.id)) {
    throw new KaliDataError(`l'index de ${KALI_PACKAGE} donne pour l'IDCC ${idcc} un identifiant invalide.`)
  }
  const file = join(packageDir, 'data', `${entry.id}.json`)
  if (!existsSync(file)) throw new KaliDataError(`le fichier de la convention d'IDCC ${idcc} (data/${entry.id}.json) manque dans ${packageDir}.`)
  const title = typeof entry.shortTitle === 'string' ? entry.shortTitle : typeof entry.title === 'string' ? entry.title : entry.id
  return { file, title }
}

function packageVersion(packageDir: string): string {
  try {
    const version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version?: unknown }).version
    return typeof version === 'string' ? ` ${version}` : ''
  } catch {
    return ''
  }
}

export async function runKaliCommand(args: string[], io: ImportCommandIo, searchRoots: readonly string[] = defaultSearchRoots()): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(KALI_USAGE)
    return 0
  }
  const [idcc, ...rest] = args
  if (!idcc || idcc.startsWith('--')) {
    io.stderr.write(`Erreur : indiquez l'IDCC de la convention.\n\n${KALI_USAGE}`)
    return 2
  }
  if (!/^\d{1,5}$/u.test(idcc)) {
    io.stderr.write(`Erreur : IDCC invalide « ${idcc} » : un numéro de 1 à 5 chiffres est attendu.\n`)
    return 2
  }
  if (rest.some((a) => a === '--idcc' || a.startsWith('--idcc=') || a === '--family' || a.startsWith('--family='))) {
    io.stderr.write(`Erreur : --idcc et --family ne s'emploient pas avec paritaire kali (l'IDCC est le premier argument).\n`)
    return 2
  }
  const packageDir = findKaliData(searchRoots)
  if (!packageDir) {
    io.stderr.write(
      `Le paquet ${KALI_PACKAGE} n'est pas installé (cherché dans les node_modules de ${searchRoots.join(' et de ')}, et de leurs dossiers parents).\n` +
        `Il contient les conventions collectives de Légifrance (20 à 70 Mo) et n'est pas livré avec Paritaire. Pour l'installer dans le dossier courant :\n\n` +
        `  npm install ${KALI_PACKAGE}\n\n` +
        `puis relancez paritaire kali ${idcc} depuis ce dossier. Vous pouvez aussi importer un fichier KALI déjà téléchargé : paritaire import FICHIER.json --idcc ${idcc}\n`,
    )
    return 2
  }
  let found: { file: string; title: string }
  try {
    found = conventionFile(packageDir, idcc)
  } catch (err) {
    if (!(err instanceof KaliDataError)) throw err
    io.stderr.write(`Erreur : ${err.message}\n`)
    return 2
  }
  io.stderr.write(`note : convention d'IDCC ${idcc} (« ${found.title} ») lue dans ${KALI_PACKAGE}${packageVersion(packageDir)} : ${found.file}\n`)
  return runImportCommand([found.file, '--idcc', idcc, ...rest], io)
}
