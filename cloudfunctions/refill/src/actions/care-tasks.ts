// refill.careTasks — signed-in consumers; read-only. The caller's care tasks (one per delivered
// order × care step, so a small bounded list), or one order's: the page a care reminder opens.
import { ok } from '@/domain/result'
import type { CareTaskRecord } from '@/domain/care'
import { readList } from '@/cloud/database'
import { careTasks as careTaskRows } from '@/cloud/care'
import { refillApi } from '@/domain/api/refill'
import { defineUserAction } from '@/cloud/router'
import { careListOf } from './care-answer'

/** More than a customer's made goods × steps; the list is never paged. */
const MAX_TASKS = 100

export const careTasks = defineUserAction(refillApi.careTasks, async ({ orderId }, openid) => {
  const owner = orderId ? { ownerOpenid: openid, orderId } : { ownerOpenid: openid }
  const records = await readList<CareTaskRecord>(
    careTaskRows().where(owner).orderBy('dueAt', 'asc').limit(MAX_TASKS),
  )
  return ok(careListOf(records))
})
