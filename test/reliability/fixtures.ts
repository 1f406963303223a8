// A valid payload for every action, built on fresh resources of the owner (consumer A): an
// order, a measurement profile, a booked slot, a material, a refill… Each call makes new ones,
// so one matrix cell never sees what another cell changed.
import { batchIdOf } from '@/domain/batch'
import { addDays, chinaDateOf, weekdayOf, type ChinaDate } from '@/domain/china-date'
import { newOutboxRecord } from '@/domain/message-drafts'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import type { VisitRecord } from '@/domain/visit-types'
import {
  createPayload,
  curtainSelection,
  filterSelection,
  linenSelection,
  rid,
  shirtSelection,
} from '../cloud/order-helpers'
import { refillDraft } from '../cloud/message-helpers'
import { payOrder } from '../helpers/demo-cloud'
import { customerPhotos } from '../helpers/photos'
import {
  OPENID,
  call,
  consumerA,
  merchant,
  staffMember,
  type Envelope,
  type ReliabilityCloud,
} from './harness'

type Payload = unknown
export type Fixture = (env: ReliabilityCloud) => Promise<Payload>

let serial = 0
const next = () => (serial += 1)

function expectOk(result: Envelope, what: string): Envelope & { ok: true } {
  if (!result.ok) throw new Error(`fixture ${what} failed: ${JSON.stringify(result)}`)
  return result as Envelope & { ok: true }
}

/** An order of the owner, paid through the WeChat Pay stand-in unless `{ paid: false }`. */
export async function ownerOrder(
  env: ReliabilityCloud,
  overrides = {},
  { paid = true }: { paid?: boolean } = {},
): Promise<string> {
  const result = await call(env, 'order', 'create', createPayload(overrides), consumerA)
  const orderId = expectOk(result, 'order.create').data.order._id
  if (paid) await payOrder(env, orderId, consumerA)
  return orderId
}

/** A message WeChat confirmed sending to the owner (written straight into the outbox). */
export async function sentMessage(env: ReliabilityCloud): Promise<string> {
  const draft = refillDraft(consumerA, next())
  const row = { ...newOutboxRecord(draft, new Date()), status: 'sent' as const }
  await env.cloud.store.insertMany(COLLECTIONS.notificationQueue, [row])
  return row._id
}

/**
 * A coupon of the owner's, issued the way customers get one: an order of theirs is flagged with
 * a coupon remedy, they take it, the merchant resolves it.
 */
export async function ownerCoupon(env: ReliabilityCloud): Promise<string> {
  const orderId = await ownerOrder(env)
  const steps: [string, string, unknown?][] = [
    [merchant, 'confirm'],
    [
      merchant,
      'flag_exception',
      { kind: 'delayed', note: '面料延期', offered: [{ type: 'coupon', amountFen: 1500 }] },
    ],
    [consumerA, 'choose_remedy', { remedy: 'coupon' }],
    [merchant, 'resolve_exception'],
  ]
  for (const [openid, event, input] of steps)
    expectOk(
      await call(env, 'order', 'act', { orderId, event, input }, openid),
      `order.act ${event}`,
    )
  const [coupon] = await env.cloud.store.find(COLLECTIONS.coupons, { 'origin.orderId': orderId })
  if (!coupon) throw new Error('fixture: the coupon remedy issued no coupon')
  return coupon._id as string
}

/** A paid order of the owner with a refund WeChat refused (the stand-in scripted to fail). */
export async function failedRefund(
  env: ReliabilityCloud,
): Promise<{ orderId: string; outRefundNo: string }> {
  const orderId = await ownerOrder(env)
  env.cloud.pay.script({ refund: 'fail' })
  try {
    const refunded = await call(
      env,
      'merchant',
      'refundOrder',
      { orderId, amountFen: 100, reason: '其他', requestId: rid() },
      merchant,
    )
    const outRefundNo = expectOk(refunded, 'merchant.refundOrder').data.refund.outRefundNo
    return { orderId, outRefundNo }
  } finally {
    env.cloud.pay.script({ refund: 'normal' })
  }
}

/** Grants the measurement consent (idempotent) and saves one profile of `openid`. */
export async function profileOf(env: ReliabilityCloud, openid = consumerA): Promise<string> {
  expectOk(await call(env, 'profile', 'consent', { granted: true }, openid), 'profile.consent')
  const saved = await call(
    env,
    'profile',
    'save',
    { name: `档案${next()}`, values: { chest: 96, neck: 39 } },
    openid,
  )
  return expectOk(saved, 'profile.save').data.id
}

/** A future open slot of a designer of its own (no overlaps between fixtures). */
export async function openSlot(env: ReliabilityCloud): Promise<string> {
  const n = next()
  const startsAt = new Date(Date.now() + (2 + n) * 24 * 3600 * 1000).toISOString()
  const result = await call(
    env,
    'appointment',
    'defineSlots',
    { slots: [{ startsAt, minutes: 30, designer: `设计师${n}` }] },
    merchant,
  )
  return expectOk(result, 'appointment.defineSlots').data.items[0].id
}

/** A slot booked by `openid`, whose earlier bookings are cancelled first (3 at most). */
export async function bookedSlot(env: ReliabilityCloud, openid = consumerA): Promise<string> {
  const held = expectOk(await call(env, 'appointment', 'mine', {}, openid), 'appointment.mine')
  for (const booking of held.data.items as { id: string }[])
    expectOk(
      await call(env, 'appointment', 'cancel', { slotId: booking.id }, openid),
      'appointment.cancel',
    )
  const slotId = await openSlot(env)
  expectOk(await call(env, 'appointment', 'book', { slotId }, openid), 'appointment.book')
  return slotId
}

export async function material(env: ReliabilityCloud): Promise<string> {
  const result = await call(env, 'merchant', 'saveMaterial', materialPayload(), merchant)
  return expectOk(result, 'merchant.saveMaterial').data.material.id
}

const materialPayload = () => ({
  name: `面料${next()}`,
  unit: '米',
  safetyLevel: 5,
  quantity: 100,
  usage: [{ productId: 'prod_shirt', perUnit: 2 }],
})

/** A delivered water-filter order of the owner (the quickest product to deliver). */
export async function deliveredOrder(env: ReliabilityCloud): Promise<string> {
  const orderId = await ownerOrder(env, { productId: 'prod_filter', selection: filterSelection() })
  for (const [event, input] of [
    ['confirm', undefined],
    ['ship', { carrier: '顺丰速运', trackingNo: `SF${Date.now()}${next()}` }],
    ['deliver', undefined],
  ] as const)
    expectOk(
      await call(env, 'order', 'act', { orderId, event, input }, merchant),
      `order.act ${event}`,
    )
  return orderId
}

const afterSalesPayload = async (env: ReliabilityCloud, kind = 'return') => ({
  orderId: await deliveredOrder(env),
  requestId: rid(),
  kind,
  reason: '与描述不符',
  note: '滤芯外壳有裂纹',
  photos: customerPhotos(consumerA, 2),
})

/** An after-sales request of the owner the shop has not answered. */
export async function openAfterSales(
  env: ReliabilityCloud,
  kind: 'return' | 'remake' = 'return',
): Promise<string> {
  const result = await call(
    env,
    'order',
    'requestAfterSales',
    await afterSalesPayload(env, kind),
    consumerA,
  )
  return expectOk(result, 'order.requestAfterSales').data.request._id
}

/** An after-sales request of the owner the shop has accepted (寄回信息 may be filled in). */
export async function acceptedAfterSales(env: ReliabilityCloud): Promise<string> {
  const afterSalesId = await openAfterSales(env)
  expectOk(
    await call(
      env,
      'merchant',
      'decideAfterSales',
      { afterSalesId, decision: 'accept', plan: '寄回后退款', days: 3 },
      merchant,
    ),
    'merchant.decideAfterSales accept',
  )
  return afterSalesId
}

/** A delivered shirt order of the owner (measured; its care plan scheduled on delivery). */
export async function deliveredShirt(env: ReliabilityCloud): Promise<string> {
  const orderId = await ownerOrder(env)
  const steps: [string, unknown?][] = [
    ['confirm'],
    ['purchase_materials'],
    ['start_production'],
    ['start_quality_check'],
    ['ship', { carrier: '顺丰速运', trackingNo: `SF${Date.now()}${next()}` }],
    ['deliver'],
  ]
  for (const [event, input] of steps)
    expectOk(
      await call(env, 'order', 'act', { orderId, event, input }, merchant),
      `order.act ${event}`,
    )
  return orderId
}

/** A completed shirt order of the owner (measured, so 合身 is asked), not yet rated. */
export async function completedOrder(env: ReliabilityCloud): Promise<string> {
  const orderId = await deliveredShirt(env)
  expectOk(
    await call(env, 'order', 'act', { orderId, event: 'complete' }, consumerA),
    'order.act complete',
  )
  return orderId
}

/** A care task of the owner's: the demo shirt's care tips, scheduled by its delivery. */
export async function ownerCareTask(env: ReliabilityCloud): Promise<string> {
  const orderId = await deliveredShirt(env)
  const [task] = await env.cloud.store.find(COLLECTIONS.careTasks, { orderId })
  if (!task) throw new Error('fixture: delivering a shirt scheduled no care task')
  return task._id
}

const ratingPayload = async (env: ReliabilityCloud) => ({
  orderId: await completedOrder(env),
  quality: 5,
  fit: 4,
  onTime: 5,
  text: '领口很合适，比预计早到',
  photos: customerPhotos(consumerA, 1),
})

/** A completed order the owner has rated. */
export async function ratedOrder(env: ReliabilityCloud): Promise<string> {
  const payload = await ratingPayload(env)
  expectOk(await call(env, 'order', 'rateOrder', payload, consumerA), 'order.rateOrder')
  return payload.orderId
}

/** The owner's refill of the water filter: a consumable order delivered records it. */
export async function ownerRefill(env: ReliabilityCloud): Promise<string> {
  await deliveredOrder(env)
  const [refill] = await env.cloud.store.find(COLLECTIONS.refills, { ownerOpenid: consumerA })
  if (!refill) throw new Error('fixture: delivering a consumable order recorded no refill')
  return refill.productId
}

/** A batch product's open batch (one order joins it). */
export async function openBatch(env: ReliabilityCloud): Promise<string> {
  await ownerOrder(env, { productId: 'prod_linen_batch', selection: linenSelection(1) })
  const [state] = await env.cloud.store.find(COLLECTIONS.batches, { _id: 'prod_linen_batch' })
  return batchIdOf('prod_linen_batch', state.sequence)
}

/** A valid payload per action, on fresh resources of the owner. */
/**
 * A China day of its own for each visit fixture, so no two want one person's time: from six days
 * ahead, never a Sunday (张师傅's day off; 李师傅 works every day from 10:00).
 */
let visitDays = 0
export function visitDay(): ChinaDate {
  let date = addDays(chinaDateOf(new Date()), 6 + visitDays)
  visitDays += 1
  if (weekdayOf(date) === 0) {
    date = addDays(date, 1)
    visitDays += 1
  }
  return date
}
export const chinaTime = (date: ChinaDate, time: string) => `${date}T${time}:00+08:00`

/** A curtain of the owner's, ordered with 上门测量安装 (a measuring and an installing visit). */
const curtainOrder = (env: ReliabilityCloud) =>
  ownerOrder(env, { productId: 'prod_curtain', selection: curtainSelection() })

/** A visit the owner booked at 11:00 on a day of its own, assigned automatically. */
async function bookedVisit(env: ReliabilityCloud): Promise<{ visitId: string; date: ChinaDate }> {
  const date = visitDay()
  const booked = await call(
    env,
    'visit',
    'book',
    {
      orderId: await curtainOrder(env),
      kind: 'measuring',
      start: chinaTime(date, '11:00'),
      requestId: rid(),
    },
    consumerA,
  )
  return { visitId: expectOk(booked, 'visit.book').data.visit.id, date }
}

/** A person the owner adds, in a district no fixture books, so no assignment picks them. */
const INVITED = {
  name: '测试师傅',
  skills: ['repairing'],
  districts: ['测试区'],
  weeklyHours: [{ weekday: 1, from: '09:00', to: '18:00' }],
}

/**
 * A fresh invite code. A consumer an earlier matrix cell let join is stood down first (the owner
 * deactivates the row), so later cells see them as the customer they were.
 */
async function inviteCode(env: ReliabilityCloud): Promise<string> {
  for (const openid of [OPENID.other, OPENID.owner]) {
    const [row] = await env.cloud.store.find(COLLECTIONS.staff, { openid, active: true })
    if (row) {
      const payload = { ...INVITED, staffId: row._id, active: false }
      expectOk(await call(env, 'visit', 'saveStaff', payload, merchant), 'visit.saveStaff')
    }
  }
  const saved = await call(env, 'visit', 'saveStaff', INVITED, merchant)
  return expectOk(saved, 'visit.saveStaff').data.staff.invite.code
}

/** A visit record of the owner's for 张师傅, today and just started, unless `fields` say otherwise. */
export function visitRecord(fields: Partial<VisitRecord>): VisitRecord {
  const now = new Date()
  // Today, just started: 张师傅 may set out (the visit's China day has come).
  const start = new Date(now.getTime() - 10 * 60 * 1000)
  return {
    _id: `vis_fixture_${next()}`,
    kind: 'measuring',
    orderId: 'ord_fixture',
    afterSalesId: null,
    ownerOpenid: consumerA,
    district: '徐汇区',
    address: '上海市 徐汇区 漕溪北路 100 号',
    window: { start, end: new Date(start.getTime() + 2 * 3600 * 1000) },
    staffId: 'staff_zhang',
    staffName: '张师傅',
    node: 'scheduled',
    version: 1,
    timeline: [],
    createdAt: now,
    updatedAt: now,
    ...fields,
  }
}

/** A visit of the owner's curtain written as the state it needs (set-out, arrival, a report). */
async function storedVisit(env: ReliabilityCloud, fields: Partial<VisitRecord>): Promise<string> {
  const visit = visitRecord({ orderId: await curtainOrder(env), ...fields })
  await env.cloud.store.insertMany(COLLECTIONS.visits, [visit])
  return visit._id
}

const SIZES = { width: 300, height: 250 }
const doneVisit = (env: ReliabilityCloud) =>
  storedVisit(env, {
    node: 'done',
    report: {
      reportId: `fixture-report-${next()}`,
      measurements: SIZES,
      photos: [],
      note: '',
      at: new Date(),
    },
  })

export const FIXTURES: Record<string, Record<string, Fixture>> = {
  user: {
    me: async () => ({}),
    role: async () => ({}),
    exportData: async () => ({}),
    deleteData: async () => ({ confirm: true }),
    home: async () => ({}),
    personalisation: async () => ({}),
    setPersonalisation: async () => ({ personalised: false }),
  },
  catalog: {
    list: async () => ({}),
    get: async () => ({ productId: 'prod_shirt' }),
  },
  profile: {
    consent: async () => ({ granted: true }),
    consentStatus: async () => ({}),
    save: async (env) => ({
      id: await profileOf(env),
      kind: 'body',
      name: '改名',
      values: { chest: 97 },
    }),
    list: async () => ({}),
    remove: async (env) => ({ id: await profileOf(env) }),
  },
  appointment: {
    defineSlots: async () => ({
      slots: [
        {
          startsAt: new Date(Date.now() + (200 + next()) * 3600 * 1000).toISOString(),
          minutes: 30,
          designer: `新设计师${next()}`,
        },
      ],
    }),
    listSlots: async () => ({ limit: 5 }),
    book: async (env) => ({ slotId: await openSlot(env) }),
    cancel: async (env) => ({ slotId: await bookedSlot(env) }),
    mine: async () => ({}),
    bookings: async () => ({
      from: new Date().toISOString(),
      to: new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString(),
    }),
  },
  order: {
    quote: async () => ({ productId: 'prod_shirt', selection: shirtSelection() }),
    create: async () => createPayload(),
    reorder: async (env) => ({ orderId: await ownerOrder(env), requestId: rid() }),
    detail: async (env) => ({ orderId: await ownerOrder(env) }),
    mine: async () => ({}),
    board: async () => ({}),
    act: async (env) => ({ orderId: await ownerOrder(env), event: 'cancel' }),
    'act:confirm': async (env) => ({ orderId: await ownerOrder(env), event: 'confirm' }),
    pay: async (env) => ({ orderId: await ownerOrder(env, {}, { paid: false }) }),
    coupons: async () => ({}),
    requestAfterSales: (env) => afterSalesPayload(env),
    afterSales: async (env) => ({ orderId: await deliveredOrder(env) }),
    withdrawAfterSales: async (env) => ({ afterSalesId: await openAfterSales(env) }),
    sendAfterSalesItem: async (env) => ({
      afterSalesId: await acceptedAfterSales(env),
      carrier: '顺丰速运',
      trackingNo: `SF${Date.now()}${next()}`,
    }),
    rateOrder: ratingPayload,
    rating: async (env) => ({ orderId: await ratedOrder(env) }),
    'create:coupon': async (env) => createPayload({ couponId: await ownerCoupon(env) }),
    'quote:coupon': async (env) => ({
      productId: 'prod_shirt',
      selection: shirtSelection(),
      couponId: await ownerCoupon(env),
    }),
  },
  message: {
    authorize: async () => ({ results: [{ purpose: 'shipped', result: 'accept' }] }),
    settings: async () => ({}),
    setPreference: async () => ({ purpose: 'shipped', enabled: false }),
    inbox: async () => ({}),
    opened: async (env) => ({ messageId: await sentMessage(env) }),
    deadLetters: async () => ({}),
  },
  merchant: {
    actMany: async (env) => ({ orderIds: [await ownerOrder(env)], event: 'confirm' }),
    stock: async () => ({}),
    saveMaterial: async () => materialPayload(),
    adjustStock: async (env) => ({ materialId: await material(env), delta: 5, reason: 'restock' }),
    flagStockOut: async (env) => ({
      materialId: await material(env),
      offered: [{ type: 'cancel' }],
    }),
    batches: async () => ({}),
    closeBatch: async (env) => ({ batchId: await openBatch(env) }),
    cancelBatch: async (env) => ({ batchId: await openBatch(env), note: '面料停产' }),
    dashboard: async () => ({}),
    merchants: async () => ({}),
    addMerchant: async () => ({ openid: `o_helper_${next()}`, name: '店员' }),
    removeMerchant: async (env) => {
      const openid = `o_helper_${next()}`
      expectOk(
        await call(env, 'merchant', 'addMerchant', { openid, name: '临时店员' }, merchant),
        'merchant.addMerchant',
      )
      return { openid }
    },
    refundOrder: async (env) => ({
      orderId: await ownerOrder(env),
      amountFen: 100,
      reason: '其他',
      note: '测试退款',
      requestId: rid(),
    }),
    retryRefund: async (env) => failedRefund(env),
    reconciliation: async () => ({ date: chinaDateOf(new Date()), page: 1 }),
    failedRefunds: async () => ({}),
    afterSalesQueue: async () => ({ kind: 'return' }),
    csInbox: async () => ({}),
    insights: async () => ({}),
    // A reply needs the customer to have written within 48 hours: WeChat's push first.
    csReply: async (env) => {
      await env.cloud.pushMessage(FUNCTIONS.service, {
        FromUserName: consumerA,
        CreateTime: Math.floor(Date.now() / 1000),
        MsgType: 'text',
        Content: '可以改尺码吗',
        MsgId: rid(),
      })
      return { openid: consumerA, text: '可以的，请把新的尺码发给我们', requestId: rid() }
    },
    decideAfterSales: async (env) => ({
      afterSalesId: await openAfterSales(env),
      decision: 'accept',
      plan: '上门取件，收到后 3 天内退款',
      days: 3,
    }),
    decideAfterSalesMany: async (env) => ({
      afterSalesIds: [await openAfterSales(env)],
      decision: 'accept',
      plan: '上门取件，收到后 3 天内退款',
      days: 3,
    }),
  },
  refill: {
    mine: async () => ({}),
    snooze: async (env) => ({ productId: await ownerRefill(env), days: 7 }),
    adjustCycle: async (env) => ({ productId: await ownerRefill(env), days: 60 }),
    stop: async (env) => ({ productId: await ownerRefill(env) }),
    careTasks: async (env) => ({ orderId: await deliveredShirt(env) }),
    snoozeCare: async (env) => ({ taskId: await ownerCareTask(env) }),
    stopCare: async (env) => ({ orderId: await deliveredShirt(env) }),
  },
  visit: {
    windows: async (env) => ({
      orderId: await curtainOrder(env),
      kind: 'measuring',
      date: visitDay(),
    }),
    book: async (env) => ({
      orderId: await curtainOrder(env),
      kind: 'measuring',
      start: chinaTime(visitDay(), '11:00'),
      requestId: rid(),
    }),
    mine: async () => ({}),
    reschedule: async (env) => {
      const { visitId, date } = await bookedVisit(env)
      return { visitId, start: chinaTime(date, '14:00'), expectedVersion: 2 }
    },
    cancel: async (env) => ({ visitId: (await bookedVisit(env)).visitId }),
    rate: async (env) => ({ visitId: await doneVisit(env), punctuality: 5, professionalism: 4 }),
    dispatch: async () => ({ date: visitDay() }),
    assign: async (env) => {
      const start = new Date(chinaTime(visitDay(), '11:00'))
      const window = { start, end: new Date(start.getTime() + 2 * 3600 * 1000) }
      const fields = { node: 'requested' as const, staffId: null, staffName: null, window }
      return { visitId: await storedVisit(env, fields), expectedVersion: 1 }
    },
    tasks: async () => ({ date: chinaDateOf(new Date()) }),
    act: async (env) => ({
      visitId: await storedVisit(env, {}),
      event: 'set_out',
      expectedVersion: 1,
    }),
    report: async (env) => ({
      visitId: await storedVisit(env, { node: 'arrived' }),
      reportId: `fixture-report-${next()}`.padEnd(16, 'x'),
      measurements: SIZES,
      photos: customerPhotos(staffMember, 1),
      note: '左侧有暖气片',
    }),
    confirmSizes: async (env) => ({ visitId: await doneVisit(env) }),
    staff: async () => ({}),
    saveStaff: async () => INVITED,
    // 张师傅's own day, one no fixture books (nothing to leave uncovered).
    setHours: async () => ({
      staffId: 'staff_zhang',
      date: visitDay(),
      hours: [{ from: '10:00', to: '16:00' }],
    }),
    joinStaff: async (env) => ({ code: await inviteCode(env) }),
  },
}

export function fixtureOf(fn: string, action: string): Fixture | undefined {
  const table = FIXTURES[fn]
  return table && Object.prototype.hasOwnProperty.call(table, action) ? table[action] : undefined
}
