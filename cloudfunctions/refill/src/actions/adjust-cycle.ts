// refill.adjustCycle — "调整周期": the customer's days per unit replace the learned cycle and
// the reminder moves with it. See answer.ts for who may call and concurrency.
import { adjustCycle as adjustRefillCycle, REFILL_CONFIG } from '@/domain/refill'
import { id, integer, object } from '@/domain/validate'
import { defineUserAction } from '@/cloud/router'
import { answerRefill } from './answer'

const payload = object({
  productId: id('商品'),
  days: integer({
    label: '补货周期（天）',
    min: REFILL_CONFIG.cycleBounds.min,
    max: REFILL_CONFIG.cycleBounds.max,
  }),
})

export const adjustCycle = defineUserAction(payload, ({ productId, days }, openid) =>
  answerRefill(openid, productId, (record, now) => adjustRefillCycle(record, days, now)),
)
