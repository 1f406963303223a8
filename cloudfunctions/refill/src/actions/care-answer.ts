// The customer's answers to a care reminder — signed-in consumers, on their own tasks only (the
// owner is checked on the stored task, never taken from the client).
// refill.snoozeCare (暂不需要): one transaction re-reads the task and applies the domain rule, so
// concurrent answers each see the other's result. refill.stopCare (停止): one conditional bulk
// update stops every task of the caller's order; the timer's mark needs `active`, so a stop wins
// over a reminder being queued. A repeat of either is harmless.
import { fail, ok } from '@/domain/result'
import { snoozeCare as snoozeTask, type CareTaskRecord } from '@/domain/care'
import { toCareTaskView, type CareTaskList } from '@/domain/care-view'
import { refillApi } from '@/domain/api/refill'
import { command, inTransaction, readDoc, readList, withoutId } from '@/cloud/database'
import { currentTime } from '@/cloud/clock'
import { careTaskRef, careTasks } from '@/cloud/care'
import { defineUserAction } from '@/cloud/router'

/** Steps per plan are at most CARE_CONFIG.maxSteps. */
const MAX_ORDER_TASKS = 10

export const careListOf = (records: CareTaskRecord[]): CareTaskList => ({
  tasks: records.map(toCareTaskView),
})

const orderTasks = (openid: string, orderId: string) =>
  readList<CareTaskRecord>(
    careTasks()
      .where({ ownerOpenid: openid, orderId })
      .orderBy('dueAt', 'asc')
      .limit(MAX_ORDER_TASKS),
  )

export const snoozeCare = defineUserAction(refillApi.snoozeCare, async ({ taskId }, openid) => {
  const now = currentTime()
  const answered = await inTransaction(async (transaction) => {
    const ref = careTaskRef(transaction, taskId)
    const task = await readDoc<CareTaskRecord>(ref)
    if (!task || task.ownerOpenid !== openid) return fail('NOT_FOUND', '没有这项保养提醒')
    if (task.status === 'stopped') return fail('CARE_STOPPED', '这件商品的保养提醒已停止')
    await ref.set({ data: withoutId(snoozeTask(task, now)) })
    return ok(task.orderId)
  })
  return answered.ok ? ok(careListOf(await orderTasks(openid, answered.data))) : answered
})

export const stopCare = defineUserAction(refillApi.stopCare, async ({ orderId }, openid) => {
  const now = currentTime()
  await careTasks()
    .where({ ownerOpenid: openid, orderId, status: command.in(['active', 'reminded']) })
    .update({ data: { status: 'stopped', updatedAt: now } })
  const tasks = await orderTasks(openid, orderId)
  return tasks.length ? ok(careListOf(tasks)) : fail('NOT_FOUND', '这笔订单没有保养提醒')
})
