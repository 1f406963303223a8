// Contracts of the refill function (the caller's replenishment and care reminders and their
// answers).
import type { CareTaskList } from '../care-view'
import { FUNCTIONS } from '../names'
import { REFILL_CONFIG } from '../refill'
import type { RefillList, RefillView } from '../refill-view'
import { id, integer, noPayload, object, optional } from '../validate'
import { contractsOf, returns } from './contract'

const action = contractsOf(FUNCTIONS.refill)
type Answered = { refill: RefillView }

export const refillApi = {
  mine: action('mine', noPayload, returns<RefillList>()),
  snooze: action(
    'snooze',
    object({
      productId: id('商品'),
      days: optional(integer({ label: '推迟天数', min: 1, max: REFILL_CONFIG.snoozeMaxDays })),
    }),
    returns<Answered>(),
  ),
  adjustCycle: action(
    'adjustCycle',
    object({
      productId: id('商品'),
      days: integer({
        label: '补货周期（天）',
        min: REFILL_CONFIG.cycleBounds.min,
        max: REFILL_CONFIG.cycleBounds.max,
      }),
    }),
    returns<Answered>(),
  ),
  stop: action('stop', object({ productId: id('商品') }), returns<Answered>()),
  /** The caller's care tasks, or one order's (the page a care reminder opens). */
  careTasks: action(
    'careTasks',
    object({ orderId: optional(id('订单')) }),
    returns<CareTaskList>(),
  ),
  snoozeCare: action('snoozeCare', object({ taskId: id('保养任务') }), returns<CareTaskList>()),
  stopCare: action('stopCare', object({ orderId: id('订单') }), returns<CareTaskList>()),
}
