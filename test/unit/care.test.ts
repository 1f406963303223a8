// Care plans (issue 20): plan checks, the schedule one delivery makes, the next occurrence, and
// the answers, as tables; then properties over random plans and clocks: never due before
// delivery, a stopped plan never comes due, 暂不需要 moves strictly later.
import fc from 'fast-check'
import {
  CARE_CONFIG,
  careReminderKeyOf,
  checkCarePlan,
  isCareDue,
  nextCareDue,
  occurrenceAfter,
  repeatCare,
  scheduleCare,
  snoozeCare,
  stopCare,
  type CarePlan,
  type CareStep,
  type CareTaskRecord,
} from '@/domain/care'
import { snapshotOf } from '@/domain/new-order'
import { checkProductSchema } from '@/domain/product-schema'
import { DEMO_PRODUCTS } from '../../tools/seed/demo'

const DAY = 24 * 60 * 60 * 1000
const T0 = new Date('2026-01-01T03:00:00.000Z')
const day = (n: number) => new Date(T0.getTime() + n * DAY)
const daysFromT0 = (at: Date | null) => (at ? (at.getTime() - T0.getTime()) / DAY : null)

const WASH: CareStep = { key: 'wash', title: '清洗窗帘', firstAfterDays: 180, everyDays: 180 }
const TIPS: CareStep = { key: 'tips', title: '衬衫洗护小贴士', firstAfterDays: 0 }
const FITTINGS: CareStep = {
  key: 'fittings',
  title: '检查五金件',
  firstAfterDays: 365,
  everyDays: 365,
}

const delivery = {
  orderId: 'order_1',
  orderNo: 'MO2026010100001',
  ownerOpenid: 'o_buyer',
  productId: 'prod_curtain',
  productName: '定制窗帘',
  deliveredAt: T0,
}
const taskOf = (step: CareStep, over: Partial<CareTaskRecord> = {}) => ({
  ...scheduleCare([step], delivery)[0],
  ...over,
})

describe('a plan', () => {
  test.each<[string, CarePlan, string | null]>([
    ['curtains: wash every 6 months', [WASH], null],
    ['shirts: tips at delivery, once', [TIPS], null],
    ['several steps', [WASH, FITTINGS], null],
    ['no steps', [], '保养计划需要 1–5 个步骤'],
    [
      'six steps',
      Array.from({ length: 6 }, (_, i) => ({ ...WASH, key: `s${i}` })),
      '保养计划需要 1–5 个步骤',
    ],
    ['a repeated key', [WASH, { ...FITTINGS, key: 'wash' }], '保养步骤编号重复'],
    ['a bad key', [{ ...WASH, key: 'Wash!' }], '保养步骤编号格式不正确：Wash!'],
    ['an empty title', [{ ...WASH, title: '  ' }], '保养事项需 1–20 字'],
    ['a title over 20', [{ ...WASH, title: '洗'.repeat(21) }], '保养事项需 1–20 字'],
    ['negative first days', [{ ...WASH, firstAfterDays: -1 }], '清洗窗帘：首次提醒天数不正确'],
    ['fractional first days', [{ ...WASH, firstAfterDays: 1.5 }], '清洗窗帘：首次提醒天数不正确'],
    ['beyond ten years', [{ ...WASH, firstAfterDays: 3651 }], '清洗窗帘：首次提醒天数不正确'],
    ['repeat every 0 days', [{ ...WASH, everyDays: 0 }], '清洗窗帘：重复间隔不正确'],
  ])('%s', (_name, plan, problem) => {
    const problems = checkCarePlan(plan)
    if (problem) expect(problems).toContain(problem)
    else expect(problems).toEqual([])
  })

  test('the product check includes its plan', () => {
    const curtain = DEMO_PRODUCTS.find((p) => p._id === 'prod_curtain')!
    expect(checkProductSchema({ ...curtain, carePlan: [{ ...WASH, everyDays: 0 }] })).toContain(
      '清洗窗帘：重复间隔不正确',
    )
  })
})

describe('the schedule a delivery makes', () => {
  test('one task per step, each first due its days after delivery', () => {
    const tasks = scheduleCare([TIPS, WASH], delivery)
    expect(tasks.map((t) => [t._id, daysFromT0(t.dueAt), t.everyDays, t.status])).toEqual([
      ['order_1_tips', 0, null, 'active'],
      ['order_1_wash', 180, 180, 'active'],
    ])
    expect(nextCareDue(tasks)).toEqual(day(0))
  })

  test.each<[string, CareStep, number, number | null]>([
    // name, step, after day, next occurrence day
    ['before the first', WASH, 10, 180],
    ['on the first: strictly after', WASH, 180, 360],
    ['between periods', WASH, 400, 540],
    ['yearly', FITTINGS, 366, 730],
    ['a one-off, before it', { ...TIPS, firstAfterDays: 3 }, 1, 3],
    ['a one-off, past it', TIPS, 0, null],
  ])('next occurrence: %s', (_name, step, after, expected) => {
    expect(daysFromT0(occurrenceAfter(taskOf(step), day(after)))).toBe(expected)
  })

  test('the next due date ignores reminded and stopped tasks', () => {
    const tasks = [taskOf(TIPS, { status: 'reminded' }), taskOf(WASH, { status: 'stopped' })]
    expect(nextCareDue(tasks)).toBeNull()
    expect(nextCareDue([...tasks, taskOf(FITTINGS)])).toEqual(day(365))
  })
})

describe('answers', () => {
  test.each<[string, CareStep, Partial<CareTaskRecord>, number, number]>([
    // name, step, task, answered on day, next due day
    ['暂不需要 after a wash reminder: the next wash', WASH, { status: 'reminded' }, 181, 360],
    ['暂不需要 long after: the occurrence after now', WASH, { status: 'reminded' }, 700, 720],
    ['暂不需要 before it came due: the one after', WASH, {}, 30, 360],
    ['暂不需要 on a one-off: a week later', TIPS, { status: 'reminded' }, 2, 9],
  ])('%s', (_name, step, over, on, expected) => {
    const next = snoozeCare(taskOf(step, over), day(on))
    expect(daysFromT0(next.dueAt)).toBe(expected)
    expect(next).toMatchObject({ status: 'active', snoozes: 1 })
  })

  test('停止 ends the task; 暂不需要 after it keeps it stopped', () => {
    const stopped = stopCare(taskOf(WASH), day(1))
    expect(stopped.status).toBe('stopped')
    expect(snoozeCare(stopped, day(2))).toBe(stopped)
  })

  test.each<[string, CareStep, Partial<CareTaskRecord>, number, number | null]>([
    // name, step, task, day, due again on (null: not yet, or never)
    ['unanswered wash, next wash come', WASH, { status: 'reminded' }, 360, 360],
    ['unanswered wash, before the next', WASH, { status: 'reminded' }, 359, null],
    ['an active task is not repeated', WASH, {}, 400, null],
    ['a stopped task is not repeated', WASH, { status: 'stopped' }, 400, null],
    ['a one-off is never repeated', TIPS, { status: 'reminded' }, 4000, null],
  ])('left unanswered: %s', (_name, step, over, on, expected) => {
    const repeated = repeatCare(taskOf(step, over), day(on))
    expect(daysFromT0(repeated?.dueAt ?? null)).toBe(expected)
    if (repeated) expect(repeated).toMatchObject({ status: 'active', repeatAt: day(540) })
  })

  test('a reminder key names the task and its occurrence', () => {
    expect(careReminderKeyOf(taskOf(WASH))).toBe('care:order_1_wash:2026-06-30T03:00:00.000Z')
  })
})

describe('properties', () => {
  const step = fc.record({
    key: fc.constantFrom('wash', 'check', 'tips'),
    title: fc.constant('保养'),
    firstAfterDays: fc.integer({ min: 0, max: CARE_CONFIG.maxDays }),
    everyDays: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
  })
  const offset = fc.integer({ min: -400 * DAY, max: 4000 * DAY })

  test('never due before delivery, however the clock moves or the customer snoozes', () => {
    fc.assert(
      fc.property(step, fc.array(offset, { maxLength: 4 }), (s, answers) => {
        let task = scheduleCare([s], delivery)[0]
        expect(task.dueAt.getTime()).toBeGreaterThanOrEqual(T0.getTime())
        for (const at of answers) {
          task = snoozeCare(task, new Date(T0.getTime() + at))
          expect(task.dueAt.getTime()).toBeGreaterThanOrEqual(T0.getTime())
        }
      }),
    )
  })

  test('暂不需要 moves strictly later than both the task date and now', () => {
    fc.assert(
      fc.property(step, offset, (s, at) => {
        const task = scheduleCare([s], delivery)[0]
        const now = new Date(T0.getTime() + at)
        const next = snoozeCare(task, now)
        expect(next.dueAt.getTime()).toBeGreaterThan(task.dueAt.getTime())
        expect(next.dueAt.getTime()).toBeGreaterThan(now.getTime())
      }),
    )
  })

  test('every write keeps repeatAt the occurrence after dueAt', () => {
    fc.assert(
      fc.property(step, offset, (s, at) => {
        const task = scheduleCare([s], delivery)[0]
        for (const next of [task, snoozeCare(task, new Date(T0.getTime() + at))])
          expect(next.repeatAt).toEqual(s.everyDays ? occurrenceAfter(next, next.dueAt) : null)
      }),
    )
  })

  test('a stopped plan never comes due, answered or not', () => {
    fc.assert(
      fc.property(step, offset, offset, (s, stopAt, later) => {
        const stopped = stopCare(scheduleCare([s], delivery)[0], new Date(T0.getTime() + stopAt))
        const after = snoozeCare(stopped, new Date(T0.getTime() + later))
        const now = new Date(T0.getTime() + later)
        expect(isCareDue(stopped, now)).toBe(false)
        expect(isCareDue(after, now)).toBe(false)
        expect(nextCareDue([after])).toBeNull()
      }),
    )
  })
})

describe('the order snapshot says whether 确认收货 asks for care reminders', () => {
  const selection = { options: {}, measurements: {}, texts: {}, quantity: 1, urgent: false }
  test.each([
    ['prod_shirt', true],
    ['prod_curtain', true],
    ['prod_filter', undefined],
    ['prod_linen_batch', undefined],
  ])('%s', (productId, carePlanned) => {
    const product = DEMO_PRODUCTS.find((p) => p._id === productId)!
    expect(snapshotOf(product, selection).carePlanned).toBe(carePlanned)
  })
})
