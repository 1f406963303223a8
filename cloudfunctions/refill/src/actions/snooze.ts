// refill.snooze — "暂不需要": remind again in `days` (default 7) and lengthen the learned cycle
// a little. See answer.ts for who may call and concurrency.
import { snooze as snoozeRefill } from '@/domain/refill'
import { refillApi } from '@/domain/api/refill'
import { defineUserAction } from '@/cloud/router'
import { answerRefill } from './answer'

export const snooze = defineUserAction(refillApi.snooze, ({ productId, days }, openid) =>
  answerRefill(openid, productId, 'snooze', (record, now) => snoozeRefill(record, now, days)),
)
