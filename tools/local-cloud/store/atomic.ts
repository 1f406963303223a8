import type { Pool, PoolClient } from 'pg'
import { adminErrors, isPgConflict } from '../errors'

/** Runs a write outside a transaction: one READ COMMITTED transaction with row locks, retried on races. */
export async function atomically<T>(
  pool: Pool,
  op: (client: PoolClient) => Promise<T>,
): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    const client = await pool.connect()
    let broken = false
    try {
      await client.query('BEGIN')
      const value = await op(client)
      await client.query('COMMIT')
      return value
    } catch (error) {
      await client.query('ROLLBACK').catch(() => (broken = true))
      if (isPgConflict(error) && attempt < 5) continue
      if (isPgConflict(error)) throw adminErrors.conflict()
      throw error
    } finally {
      client.release(broken)
    }
  }
}
