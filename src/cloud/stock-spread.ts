// Spreading a material's spare units over its shards (stock-shards.ts), or gathering them back
// into the document when few are left, in one transaction over the document and all its
// shards; the restock task is decided on the whole there too. The order timer runs it for every
// material that needs it, and merchant.adjustStock after each change of the on-hand quantity.
import { MAX_MATERIALS, restockStep, type MaterialRecord } from '../domain/stock'
import { needsSpread, spreadStock, withShards, type MaterialShard } from '../domain/stock-shards'
import { command, inTransaction, readList, TransactionConflict, type Transaction } from './database'
import { materials, readStock, shardsOf, writeMaterial, writeShards } from './stock'

/**
 * Inside a transaction, after reading `material` and `shards` (all of them) there: writes the
 * shards whose spare changes and the document, with its restock task decided on the whole.
 */
export async function writeSpread(
  transaction: Transaction,
  material: MaterialRecord,
  shards: readonly MaterialShard[],
  now: Date,
): Promise<MaterialRecord> {
  const target = spreadStock(material, shards, now)
  const before = new Map(shards.map((s) => [s.shard, s.spare]))
  const changed = target.shards.filter((s) => (before.get(s.shard) ?? 0) !== s.spare)
  await writeShards(transaction, changed)
  return writeMaterial(transaction, target.material, now, target.shards)
}

const needsWork = (m: MaterialRecord, shards: readonly MaterialShard[]) =>
  needsSpread(m, shards) || restockStep(withShards(m, shards)) !== null

/** A run's share of the order timer's 20 s: a first spread writes 33 documents a material. */
export const SPREAD_BUDGET_MS = 5_000

/**
 * Timer: spreads (or gathers) every material that needs it, until SPREAD_BUDGET_MS is spent; one
 * busy now, or not reached in time (`left`), waits for the next run.
 */
export async function spreadMaterials(
  now: Date,
  budgetMs = SPREAD_BUDGET_MS,
): Promise<{ spread: number; busy: string[]; left: number }> {
  const started = Date.now()
  const list = await readList<MaterialRecord>(
    materials()
      .where({ name: command.gt('') })
      .limit(MAX_MATERIALS),
  )
  const shards = await shardsOf(list)
  let spread = 0
  const busy: string[] = []
  const due = list.filter((item) => needsWork(item, shards.get(item._id) ?? []))
  let done = 0
  for (const m of due) {
    if (Date.now() - started >= budgetMs) break
    done += 1
    try {
      const changed = await inTransaction(async (transaction) => {
        const { material, shards: current } = await readStock(transaction, m._id)
        if (!material || !needsWork(material, current)) return false
        await writeSpread(transaction, material, current, now)
        return true
      })
      if (changed) spread += 1
    } catch (error) {
      if (!(error instanceof TransactionConflict)) throw error
      busy.push(m._id)
    }
  }
  return { spread, busy, left: due.length - done }
}
