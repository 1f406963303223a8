// Test helper: the seeded demo cloud for test/cloud suites. One local cloud per test file on a
// fresh PostgreSQL database (./local-cloud.ts), seeded with the demo shop and users, and calls
// that reach a function the way a phone sends them.
//
//   const env = useDemoCloud()                          // env.cloud is set in beforeAll
//   const call = callerFor(env, FUNCTIONS.profile)
//   await call('list', {}, consumerA)                   // -> Envelope
//   await invoke(env, profileApi.list, {}, consumerA)   // -> Result<typed as the contract says>
import { paymentsOf } from '@/domain/order-payments'
import { PAYMENT_PARTS, refundsOf, type OrderPayment } from '@/domain/payment'
import type { Contract, InputOf, ResultOf } from '@/domain/api/contract'
import { ACTIONS } from '@/domain/names'
import type { Result } from '@/domain/result'
import { FUNCTIONS_ROOT } from '../../tools/build-cloudfunctions'
import { DEMO_USERS, seedDemo } from '../../tools/seed/demo'
import { startTestCloud, type TestCloud } from './local-cloud'
import { waitUntil } from './wait'

/** The demo openids (tools/seed/demo.ts): two consumers and the merchant. */
export const [consumerA, consumerB] = DEMO_USERS.filter((u) => u.role === 'consumer').map(
  (u) => u.openid,
)
export const merchant = DEMO_USERS.find((u) => u.role === 'merchant')!.openid

/** What every function's main returns. */
export type Envelope = {
  ok: boolean
  code?: string
  message?: string
  field?: string
  data?: any // eslint-disable-line @typescript-eslint/no-explicit-any
}

export type DemoCloud = { cloud: TestCloud }

/** Starts and seeds one cloud for this test file (beforeAll) and stops it (afterAll). */
export function useDemoCloud(functionEnv?: Record<string, string>): DemoCloud {
  const env = {} as DemoCloud
  beforeAll(async () => {
    env.cloud = await startTestCloud({
      functionsRoot: FUNCTIONS_ROOT,
      users: DEMO_USERS,
      functionEnv,
    })
    await seedDemo(env.cloud.store)
  })
  afterAll(() => env.cloud?.stop())
  return env
}

export type FunctionWithActions = keyof typeof ACTIONS
export type ActionOf<F extends FunctionWithActions> = Extract<keyof (typeof ACTIONS)[F], string>
export type Caller<A extends string> = (
  action: A,
  payload: unknown,
  openid: string | null,
) => Promise<Envelope>

/**
 * Calls `fn` as `openid` (null: anonymous). Events travel as JSON from the client, so the event
 * is JSON round-tripped here too. With `{ unknownActions: true }` the caller also takes names
 * outside ACTIONS[fn] and sends them verbatim (for UNKNOWN_ACTION cases).
 */
export function callerFor<F extends FunctionWithActions>(env: DemoCloud, fn: F): Caller<ActionOf<F>>
export function callerFor<F extends FunctionWithActions>(
  env: DemoCloud,
  fn: F,
  options: { unknownActions: true },
): Caller<ActionOf<F> | string>
export function callerFor<F extends FunctionWithActions>(env: DemoCloud, fn: F): Caller<string> {
  const actions: Record<string, string> = ACTIONS[fn]
  return (action, payload, openid) =>
    env.cloud.invoke(
      fn,
      JSON.parse(JSON.stringify({ action: actions[action] ?? action, payload })),
      openid,
    ) as Promise<Envelope>
}

/**
 * Calls a contract's action as `openid` (null: anonymous), typed by the contract: the payload is
 * what its check accepts and the answer what the action returns after its JSON trip. For payloads
 * a check must refuse, use `callerFor` (it takes anything).
 */
export async function invoke<C extends Contract>(
  env: DemoCloud,
  contract: C,
  payload: InputOf<C>,
  openid: string | null,
): Promise<Result<ResultOf<C>>> {
  const event = JSON.parse(JSON.stringify({ action: contract.action, payload })) as object
  return (await env.cloud.invoke(contract.fn, event, openid)) as Result<ResultOf<C>>
}

/**
 * Pays an order the way a phone does: order.pay as its owner, then the user's choice on the
 * payment sheet of the local cloud's WeChat Pay stand-in ('paid' marks the trade and, as
 * scripted, calls the `payment` callback), then waits for the callback deliveries. Returns the
 * pay answer (`data.outTradeNo`).
 */
export async function payOrder(
  env: DemoCloud,
  orderId: string,
  openid: string,
  outcome: 'paid' | 'cancelled' | 'failed' = 'paid',
): Promise<Envelope> {
  const answer = (await env.cloud.invoke(
    'order',
    { action: ACTIONS.order.pay, payload: { orderId } },
    openid,
  )) as Envelope
  if (!answer.ok) throw new Error(`order.pay failed: ${JSON.stringify(answer)}`)
  await env.cloud.pay.complete(answer.data.outTradeNo, outcome)
  await env.cloud.pay.drain()
  return answer
}

/**
 * Waits until the WeChat Pay stand-in has delivered every notice and no refund is on its way (it
 * pays a refund out just after answering, then notifies), so a snapshot or digest is stable.
 */
export async function settlePayments(env: DemoCloud): Promise<void> {
  await env.cloud.pay.drain()
  await waitUntil(
    async () =>
      (await env.cloud.store.find('orders', { 'payment.state': 'refunding' })).length === 0 &&
      (await noRefundOnItsWay(env)),
    'refunds to settle',
  )
  await env.cloud.pay.drain()
}

/**
 * No order has a pending refund WeChat (the stand-in) already accepted: a partial refund leaves
 * the payment 'paid', so its notice is awaited by its own state.
 */
export async function noRefundOnItsWay(env: DemoCloud): Promise<boolean> {
  const open = (await Promise.all(
    PAYMENT_PARTS.map((part) => env.cloud.store.find('orders', { [`${part}.refundOpen`]: true })),
  )) as Array<Array<{ payment: OrderPayment; balance?: OrderPayment | null }>>
  if (open.flat().length === 0) return true
  const accepted = new Set((await env.cloud.pay.refunds()).map((refund) => refund.outRefundNo))
  return open
    .flat()
    .flatMap((order) => paymentsOf(order).flatMap((payment) => refundsOf(payment)))
    .every((refund) => refund.state !== 'pending' || !accepted.has(refund.outRefundNo))
}
