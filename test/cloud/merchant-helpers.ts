// Shared by the merchant-*.test.ts suites: calls to the merchant function, and a snapshot of
// every collection a merchant action may write (to prove a refused call wrote nothing).
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { callerFor, type DemoCloud } from '../helpers/demo-cloud'

export function merchantClient(env: DemoCloud) {
  const call = callerFor(env, FUNCTIONS.merchant)
  const order = callerFor(env, FUNCTIONS.order)
  const find = (collection: string, query: object = {}) => env.cloud.store.find(collection, query)

  const snapshot = async () =>
    Object.fromEntries(
      await Promise.all(
        Object.values(COLLECTIONS).map(async (name) => [name, await find(name)] as const),
      ),
    )

  return { call, order, find, snapshot }
}
