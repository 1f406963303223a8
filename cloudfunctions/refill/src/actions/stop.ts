// refill.stop — "停止提醒": no more reminders for this product (暂不需要 starts them again).
// See answer.ts for who may call and concurrency.
import { stop as stopRefill } from '@/domain/refill'
import { refillApi } from '@/domain/api/refill'
import { defineUserAction } from '@/cloud/router'
import { answerRefill } from './answer'

export const stop = defineUserAction(refillApi.stop, ({ productId }, openid) =>
  answerRefill(openid, productId, 'stop', stopRefill),
)
