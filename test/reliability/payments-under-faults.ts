// What the two payment fault suites (payment-faults, deposit-faults) share: a payment sheet with a
// random outcome and callback fate, the wait for refunds to settle, and the check that each refund
// an order records reached WeChat exactly once for its amount.
import type { OrderRefund } from '@/domain/payment'
import { noRefundOnItsWay } from '../helpers/demo-cloud'
import { waitUntil } from '../helpers/wait'
import type { ReliabilityCloud } from './harness'

type Pick = <T>(items: readonly T[]) => T

/** The customer's answer on the sheet; a paid one comes with a scripted callback fate. */
export function randomSheet(env: ReliabilityCloud, pick: Pick, outcomes: readonly Outcome[]) {
  const outcome = pick(outcomes)
  if (outcome === 'paid')
    env.cloud.pay.script(
      pick([
        { callback: 'normal' },
        { callback: 'repeated', n: 3 },
        { callback: 'delayed', ms: 30 },
        { callback: 'lost' },
      ] as const),
    )
  return outcome
}
type Outcome = 'paid' | 'cancelled' | 'failed'

/** Faults off: waits until no refund is pending at the orders or on its way at WeChat. */
export const refundsSettled = (env: ReliabilityCloud) =>
  waitUntil(
    async () =>
      (await env.cloud.store.find('orders', { 'payment.state': 'refunding' })).length === 0 &&
      (await noRefundOnItsWay(env)),
    'refunds to settle',
    30_000,
  )

/** Each refund on the order settled and at WeChat exactly once, for its amount; nothing more. */
export function refundProblems(
  onOrder: OrderRefund[],
  atWeChat: { outRefundNo: string; refundFee: number }[],
): string[] {
  const problems: string[] = []
  for (const refund of onOrder) {
    const found = atWeChat.filter((r) => r.outRefundNo === refund.outRefundNo)
    if (refund.state !== 'succeeded') problems.push(`refund ${refund.outRefundNo} ${refund.state}`)
    if (found.length !== 1) problems.push(`${refund.outRefundNo} at WeChat ${found.length} times`)
    else if (found[0].refundFee !== refund.amountFen)
      problems.push(`${refund.outRefundNo} refunded ${found[0].refundFee} of ${refund.amountFen}`)
  }
  if (atWeChat.length !== onOrder.length) problems.push(`${atWeChat.length} refunds at WeChat`)
  return problems
}
