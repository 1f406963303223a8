// The writes of one transaction, in an order that cannot deadlock. A written document stays
// locked until commit, so two transactions writing two shared documents (materials, counters,
// a batch, a customer's credit) in opposite orders wait on each other. Its own documents (the
// order it read first, rows named after it) no other transaction writes: they go together, with
// the first shared document; the other shared ones follow one after another, in the order the
// caller lists them, the same in every transaction (materials, coupon, urgent quota, batch,
// preference, then a message's credit and day count).
type Write = () => unknown

export async function writeInLockOrder(
  own: Array<Write | null | false | undefined>,
  shared: Array<Write | null | false | undefined>,
): Promise<void> {
  const [first, ...rest] = shared.filter((write): write is Write => Boolean(write))
  await Promise.all([...own, first].map((write) => (write ? write() : null)))
  for (const write of rest) await write()
}
