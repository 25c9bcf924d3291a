/**
 * The pid lock of the embedded database directory. PGlite is a
 * single-process database: two processes on one directory would corrupt it,
 * so the directory holds `paritaire.pid` with the owner's pid and its start
 * time (from `/proc`, on Linux). A lock is taken over when its owner is
 * gone: no such process, a zombie (killed with `kill -9` and not yet reaped
 * by its parent — it holds nothing any more), or a live process that is not
 * the one that wrote the lock (its pid was reused: another start time, or
 * not a Node process). So a restart right after a crash always works, while
 * a second server on a directory in use is still refused.
 */
import { DatabaseBusyError } from './busy-error.ts'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export { DatabaseBusyError }

interface ProcessInfo {
  /** Single-letter state of /proc/<pid>/stat (`R`, `S`, `Z`…). */
  state: string
  /** Start time in clock ticks since boot: with the pid, identifies one process. */
  startTime: string
}

/** What /proc says of a process; null when it does not exist; undefined when /proc cannot tell (not Linux). */
function procInfo(pid: number): ProcessInfo | null | undefined {
  let stat: string
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOENT') return undefined
    try { readFileSync('/proc/self/stat'); return null } catch { return undefined }
  }
  // The command name (field 2) is in parentheses and may hold spaces: split after its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return { state: fields[0] ?? '', startTime: fields[19] ?? '' }
}

function isNodeProcess(pid: number): boolean {
  try {
    return /node|tsx|paritaire/i.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))
  } catch {
    return false
  }
}

/** Whether the process that wrote `pid startTime` still runs and holds the database. */
export function lockHolderAlive(pid: number, recordedStart: string | null): boolean {
  const info = procInfo(pid)
  if (info === null) return false
  if (info === undefined) {
    try { process.kill(pid, 0); return true } catch (err) { return (err as { code?: string }).code === 'EPERM' }
  }
  if (info.state === 'Z' || info.state === 'X' || info.state === 'x') return false
  if (recordedStart !== null) return info.startTime === recordedStart
  // A lock written without a start time: only a Node process can be its owner.
  return isNodeProcess(pid)
}

/** Takes the lock of `dataDir` for this process (or throws `DatabaseBusyError`); returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  const lockPath = join(dataDir, 'paritaire.pid')
  let content = ''
  try { content = readFileSync(lockPath, 'utf8').trim() } catch { content = '' }
  const [pidText, startText] = content.split(/\s+/)
  const holder = Number(pidText) || null
  if (holder !== null && holder !== process.pid && lockHolderAlive(holder, startText || null)) {
    throw new DatabaseBusyError(`La base embarquée ${dataDir} est déjà utilisée par le processus ${holder} : arrêtez-le, ou choisissez un autre DATA_DIR.`)
  }
  const own = procInfo(process.pid)
  const mine = own ? `${process.pid} ${own.startTime}` : String(process.pid)
  writeFileSync(lockPath, mine)
  return () => {
    // Only our own lock: a process that took over after us keeps its own.
    try { if (readFileSync(lockPath, 'utf8').trim() !== mine) return } catch { return }
    rmSync(lockPath, { force: true })
  }
}
