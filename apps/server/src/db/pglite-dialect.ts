/**
 * A small Kysely dialect for PGlite (Postgres compiled to WASM, in-process).
 * PGlite is a single connection, so the driver hands that one connection to
 * one user at a time through a FIFO mutex: a Kysely transaction holds it from
 * BEGIN to COMMIT and no other request's query can land inside it. The SQL
 * side (adapter, compiler, introspector) is Kysely's stock Postgres one, so
 * the same queries run on both databases.
 */
import type { PGlite } from '@electric-sql/pglite'
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely'

class Mutex {
  #tail: Promise<void> = Promise.resolve()

  /** Resolves with a release function once every earlier holder has released. */
  lock(): Promise<() => void> {
    let release!: () => void
    const next = new Promise<void>((r) => { release = r })
    const previous = this.#tail
    this.#tail = previous.then(() => next)
    return previous.then(() => release)
  }
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly pg: PGlite) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pg.query<R>(query.sql, [...query.parameters])
    const affected = result.affectedRows
    return {
      rows: result.rows,
      ...(affected !== undefined && result.fields.length === 0 ? { numAffectedRows: BigInt(affected) } : {}),
    }
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite: le streaming de requêtes n’est pas pris en charge')
  }
}

class PGliteDriver implements Driver {
  readonly #mutex = new Mutex()
  readonly #releases = new WeakMap<DatabaseConnection, () => void>()
  readonly #connection: PGliteConnection

  constructor(pg: PGlite) {
    this.#connection = new PGliteConnection(pg)
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#mutex.lock()
    this.#releases.set(this.#connection, release)
    return this.#connection
  }

  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : ''
    await conn.executeQuery(CompiledQuery.raw(`begin${isolation}`))
  }

  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('commit'))
  }

  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('rollback'))
  }

  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    const release = this.#releases.get(conn)
    this.#releases.delete(conn)
    release?.()
  }

  async destroy(): Promise<void> {}
}

export class PGliteDialect implements Dialect {
  constructor(private readonly pg: PGlite) {}
  createAdapter(): DialectAdapter { return new PostgresAdapter() }
  createDriver(): Driver { return new PGliteDriver(this.pg) }
  createQueryCompiler(): QueryCompiler { return new PostgresQueryCompiler() }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector { return new PostgresIntrospector(db) }
}
