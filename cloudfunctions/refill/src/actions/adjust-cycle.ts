// refill.adjustCycle — "调整周期": the customer's days per unit replace the learned cycle and
// the reminder moves with it. See answer.ts for who may call and concurrency.
import { adjustCycle as adjustRefillCycle } from '@/domain/refill'
import { refillApi } from '@/domain/api/refill'
import { defineUserAction } from '@/cloud/router'
import { answerRefill } from './answer'

export const adjustCycle = defineUserAction(refillApi.adjustCycle, ({ productId, days }, openid) =>
  answerRefill(openid, productId, 'adjust_cycle', (record, now) =>
    adjustRefillCycle(record, days, now),
  ),
)
