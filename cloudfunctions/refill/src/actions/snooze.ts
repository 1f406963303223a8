// refill.snooze — "暂不需要": remind again in `days` (default 7) and lengthen the learned cycle
// a little. See answer.ts for who may call and concurrency.
import { REFILL_CONFIG, snooze as snoozeRefill } from '@/domain/refill'
import { id, integer, object, optional } from '@/domain/validate'
import { defineUserAction } from '@/cloud/router'
import { answerRefill } from './answer'

const payload = object({
  productId: id('商品'),
  days: optional(integer({ label: '推迟天数', min: 1, max: REFILL_CONFIG.snoozeMaxDays })),
})

export const snooze = defineUserAction(payload, ({ productId, days }, openid) =>
  answerRefill(openid, productId, (record, now) => snoozeRefill(record, now, days)),
)
