// The writes of one transaction, all made at once, in one order every transaction uses: its own
// documents (the order it read first, rows named after it) first, then the shared ones
// (materials, coupon, urgent quota, batch, preference, then a message's credit and day count).
// The cloud database answers a write that meets another transaction's with a conflict, so the
// order does not matter there. The local cloud's PostgreSQL instead waits for the other
// transaction's row lock: requests sent together reach it in the order they were made, so two
// transactions take shared documents in the same order and cannot wait on each other; should
// two ever arrive out of order, PostgreSQL breaks the deadlock at once (postgres.ts) and the
// transaction is retried as any conflict (database.ts inTransaction).
type Write = () => unknown

export async function writeInLockOrder(
  own: Array<Write | null | false | undefined>,
  shared: Array<Write | null | false | undefined>,
): Promise<void> {
  const writes = [...own, ...shared].filter((write): write is Write => Boolean(write))
  await Promise.all(writes.map((write) => write()))
}
