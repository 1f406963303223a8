// Database transactions (db.startTransaction / db.runTransaction).
//
// Each transaction holds its own pg client at REPEATABLE READ (snapshot isolation, like the
// cloud). Two details make the unmodified SDK's retry loop work:
//  1. wx-server-sdk only retries runTransaction when startTransaction/commit fails with code
//     DATABASE_TRANSACTION_CONFLICT; an error inside the callback loses its code and is never
//     retried. So a write that hits a PostgreSQL serialization/lock conflict dooms the
//     transaction: the write answers provisionally, and commit answers the conflict (optimistic
//     concurrency, validated at commit).
//  2. Before a transaction's FIRST statement (its snapshot is taken there), it waits for an
//     in-process lock on that document, held until commit/abort. Read-modify-write transactions
//     on one document therefore queue instead of conflicting (the common case: counters, "get or
//     create"), and true conflicts (documents touched later in a transaction) still surface.
// Transactions idle for more than 30 s are rolled back.
import { randomBytes } from 'node:crypto'
import type { Pool, PoolClient } from 'pg'
import { adminErrors, isPgConflict } from '../errors'

export const TRANSACTION_IDLE_MS = 30_000
const LOCK_WAIT_MS = 10_000

interface Txn {
  id: string
  client: PoolClient | null
  lastUsed: number
  started: boolean
  doomed: boolean
  busy: number
  chain: Promise<unknown>
  locks: string[]
}

class DocLocks {
  private readonly held = new Map<
    string,
    { holder: string; queue: Array<{ txn: string; grant: () => void }> }
  >()

  acquire(key: string, txn: string): Promise<void> {
    const entry = this.held.get(key)
    if (!entry) {
      this.held.set(key, { holder: txn, queue: [] })
      return Promise.resolve()
    }
    if (entry.holder === txn) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const waiter = { txn, grant: () => (clearTimeout(timer), resolve()) }
      const timer = setTimeout(() => {
        entry.queue.splice(entry.queue.indexOf(waiter), 1)
        reject(adminErrors.conflict('waited too long for a document lock'))
      }, LOCK_WAIT_MS)
      entry.queue.push(waiter)
    })
  }

  release(key: string, txn: string): void {
    const entry = this.held.get(key)
    if (!entry || entry.holder !== txn) return
    const next = entry.queue.shift()
    if (!next) this.held.delete(key)
    else {
      entry.holder = next.txn
      next.grant()
    }
  }
}

export class Transactions {
  private readonly open = new Map<string, Txn>()
  private readonly expired = new Set<string>()
  private readonly locks = new DocLocks()
  private readonly reaper: NodeJS.Timeout

  constructor(
    private readonly pool: Pool,
    private readonly log: (line: string) => void,
    private readonly idleMs = TRANSACTION_IDLE_MS,
  ) {
    this.reaper = setInterval(() => void this.reap(), Math.min(5_000, Math.max(50, idleMs / 4)))
    this.reaper.unref()
  }

  /** Open transactions (for tests and diagnostics). */
  get size(): number {
    return this.open.size
  }

  async start(): Promise<string> {
    const client = await this.pool.connect()
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ')
    } catch (error) {
      client.release(true)
      throw error
    }
    const id = randomBytes(12).toString('hex')
    this.open.set(id, {
      id,
      client,
      lastUsed: Date.now(),
      started: false,
      doomed: false,
      busy: 0,
      chain: Promise.resolve(),
      locks: [],
    })
    return id
  }

  /**
   * Runs one statement of transaction `id`. `key` names the document it targets (for the lock
   * taken before the first statement); `provisional` is the answer a write gets once the
   * transaction is doomed.
   */
  run<T>(
    id: string,
    key: string | undefined,
    op: (client: PoolClient) => Promise<T>,
    provisional?: () => T,
  ): Promise<T> {
    const txn = this.get(id)
    txn.busy += 1
    const result = txn.chain.then(() => this.step(txn, key, op, provisional))
    txn.chain = result
      .catch(() => undefined)
      .finally(() => {
        txn.busy -= 1
        txn.lastUsed = Date.now()
      })
    return result
  }

  private async step<T>(
    txn: Txn,
    key: string | undefined,
    op: (client: PoolClient) => Promise<T>,
    provisional?: () => T,
  ): Promise<T> {
    txn.lastUsed = Date.now()
    if (!this.open.has(txn.id)) throw adminErrors.transactionNotFound(txn.id)
    if (txn.doomed || !txn.client) {
      if (provisional) return provisional()
      throw adminErrors.conflict('transaction already conflicted')
    }
    if (!txn.started && key) {
      await this.locks.acquire(key, txn.id)
      txn.locks.push(key)
    }
    txn.started = true
    const client = txn.client
    await client.query('SAVEPOINT local_cloud_stmt')
    try {
      const value = await op(client)
      await client.query('RELEASE SAVEPOINT local_cloud_stmt')
      return value
    } catch (error) {
      if (isPgConflict(error)) {
        this.log(
          `transaction ${txn.id} conflicted on ${key ?? 'a query'} (${(error as Error).message}); commit will answer DATABASE_TRANSACTION_CONFLICT`,
        )
        await this.finish(txn, 'ROLLBACK', true)
        if (provisional) return provisional()
        throw adminErrors.conflict()
      }
      await client.query('ROLLBACK TO SAVEPOINT local_cloud_stmt').catch(() => undefined)
      throw error
    }
  }

  async commit(id: string): Promise<void> {
    const txn = this.get(id)
    await txn.chain
    this.open.delete(id)
    if (txn.doomed || !txn.client) throw adminErrors.conflict()
    try {
      await txn.client.query('COMMIT')
    } catch (error) {
      await this.finish(txn, 'ROLLBACK', false)
      if (isPgConflict(error)) throw adminErrors.conflict()
      throw error
    }
    await this.finish(txn, null, false)
  }

  async abort(id: string): Promise<void> {
    const txn = this.open.get(id)
    if (!txn) return
    await txn.chain
    this.open.delete(id)
    await this.finish(txn, 'ROLLBACK', false)
  }

  async closeAll(): Promise<void> {
    clearInterval(this.reaper)
    for (const txn of [...this.open.values()]) {
      this.open.delete(txn.id)
      await this.finish(txn, 'ROLLBACK', false)
    }
  }

  private get(id: string): Txn {
    const txn = this.open.get(id)
    if (!txn) {
      if (this.expired.has(id)) this.log(`transaction ${id} was used after it expired`)
      throw adminErrors.transactionNotFound(id)
    }
    return txn
  }

  private async finish(txn: Txn, statement: 'ROLLBACK' | null, doomed: boolean): Promise<void> {
    txn.doomed = txn.doomed || doomed
    const client = txn.client
    txn.client = null
    for (const key of txn.locks.splice(0)) this.locks.release(key, txn.id)
    if (!client) return
    let broken = false
    if (statement) await client.query(statement).catch(() => (broken = true))
    client.release(broken)
  }

  private async reap(): Promise<void> {
    const now = Date.now()
    for (const txn of [...this.open.values()]) {
      if (txn.busy === 0 && now - txn.lastUsed > this.idleMs) {
        this.log(`transaction ${txn.id} idle for more than ${this.idleMs / 1000} s: rolled back`)
        this.open.delete(txn.id)
        this.expired.add(txn.id)
        await this.finish(txn, 'ROLLBACK', false)
      }
    }
  }
}
