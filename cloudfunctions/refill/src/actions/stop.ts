// refill.stop — "停止提醒": no more reminders for this product (暂不需要 starts them again).
// See answer.ts for who may call and concurrency.
import { stop as stopRefill } from '@/domain/refill'
import { id, object } from '@/domain/validate'
import { defineUserAction } from '@/cloud/router'
import { answerRefill } from './answer'

const payload = object({ productId: id('商品') })

export const stop = defineUserAction(payload, ({ productId }, openid) =>
  answerRefill(openid, productId, stopRefill),
)
