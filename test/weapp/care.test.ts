// 保养提醒 on the weapp build (issue 20): a delivered shirt's care tips come due at once; without a
// credit the timer's reminder is held in-app and listed on the order page, whose 去查看 opens the
// care page; 暂不需要 there moves the tips a week on, 停止 (after a confirmation) ends the plan;
// 我的 → 保养提醒 lists it too.
import type { CareTaskRecord } from '@/domain/care'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { consumerA, merchantActs, placeShirt } from '../journeys/shop'
import { waitForValue } from '../helpers/wait'
import { setupWeappApp } from './harness/app'
import { WeappDriver } from './harness/driver'

const app = setupWeappApp(consumerA, { launch: false })
const DAY = 24 * 60 * 60 * 1000

const taskOf = async (orderId: string) =>
  ((await app.cloud.store.find(COLLECTIONS.careTasks, { orderId })) as CareTaskRecord[])[0]

test('a held care reminder on the order page opens 保养提醒, where 暂不需要 and 停止 answer it', async () => {
  const { id } = await placeShirt(app.cloud, consumerA, 'care')
  const toQualityCheck = [
    'confirm',
    'purchase_materials',
    'start_production',
    'start_quality_check',
  ] as const
  for (const event of toQualityCheck) await merchantActs(app.cloud, id, event)
  await merchantActs(app.cloud, id, 'ship', { carrier: '顺丰速运', trackingNo: 'SF0000000020' })
  await merchantActs(app.cloud, id, 'deliver')
  await app.cloud.fireTimer(FUNCTIONS.refill)
  const due = await taskOf(id)
  expect(due.status).toBe('reminded')

  await app.phone.switchUser(consumerA)
  const phone = new WeappDriver(app.phone)
  await phone.open(`pages/order/index?id=${id}`)
  await phone.see('.message-item', '保养提醒')
  await phone.tap('.message-item__open', '去查看')
  await phone.onPage('service/pages/care/index')
  await phone.see('.care-task__title', '洗护')
  await phone.see('.care-task__meta', '已提醒')

  await phone.tapAndAnswerSheet('.care-task__button', 'reject', '暂不需要')
  await phone.seeToast('再提醒')
  const snoozed = await waitForValue(
    () => taskOf(id),
    (task) => task.status === 'active',
    '暂不需要已保存',
  )
  expect(snoozed.dueAt.getTime()).toBeGreaterThanOrEqual(due.dueAt.getTime() + 7 * DAY)
  await phone.see('.care-task__meta', '按时提醒')

  await phone.tapAndAnswerModal('.care-task__button--stop', true, '停止')
  await phone.see('.care-task__meta', '已停止提醒')
  expect((await taskOf(id)).status).toBe('stopped')
  await phone.notSee('.care-task__button')

  // 我的 → 保养提醒 lists every care task of the customer's.
  await phone.open('pages/mine/index')
  await phone.tap('.mine-entry--care')
  await phone.onPage('service/pages/care/index')
  await phone.see('.care-task__meta', '已停止提醒')
  expect(app.phone.consoleErrors).toEqual([])
}, 90_000)
