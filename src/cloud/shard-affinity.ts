// Which shard this function instance writes first (issue 21: material stock, batch counts, order
// counters). An instance runs one call at a time, so instances that keep their shard from call
// to call, and move only when a transaction conflicts or their shard runs short, settle on
// different shards and a burst on one product stops meeting itself. Picked per order instead (a
// hash of its id), two of 8 instances shared one of 32 shards at most moments. Which shard is
// only a choice: every shard invariant holds over all of them, whichever an order used.

/** Shard families have at least this many shards (a move always lands on another shard). */
const FEWEST_SHARDS = 16

let slot = Math.floor(Math.random() * 2 ** 30)

/** This instance's shard among `count` (0 … count − 1). */
export const instanceShard = (count: number): number => slot % count

/** Another shard from now on: after a conflict, or when this one ran short. */
export function moveInstanceShard(): void {
  slot += 1 + Math.floor(Math.random() * (FEWEST_SHARDS - 1))
}
