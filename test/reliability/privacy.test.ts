// Personal data rights and masking: a consumer exports what we hold about them and deletes it
// (orders keep their address snapshot); merchants never see a full phone number in a list.
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { ADDRESS, curtainSelection } from '../cloud/order-helpers'
import {
  bookedSlot,
  openAfterSales,
  ownerCoupon,
  ownerOrder,
  profileOf,
  ratedOrder,
} from './fixtures'
import { call, consumerA, consumerB, merchant, useReliabilityCloud } from './harness'

// The cloud records every query no index of database/indexes.json covers (checked below).
process.env.LOCAL_CLOUD_INDEX_CHECK = 'report'
const env = useReliabilityCloud()

let legacySerial = 0
/** A coupon as the old grant code stored it: the owner in `toOpenid`, no `ownerOpenid`. */
async function legacyCoupon(openid: string): Promise<string> {
  const _id = `cpn_legacy_${openid}_${(legacySerial += 1)}`
  await env.cloud.store.insertMany(COLLECTIONS.coupons, [
    { _id, toOpenid: openid, amountFen: 800, status: 'issued', issuedAt: new Date() },
  ])
  return _id
}

test('exportData returns the caller’s own data only', async () => {
  const orderId = await ownerOrder(env)
  const profileId = await profileOf(env)
  await profileOf(env, consumerB)
  const slotId = await bookedSlot(env)
  const couponId = await ownerCoupon(env)
  const legacyId = await legacyCoupon(consumerA)
  await legacyCoupon(consumerB)
  const afterSalesId = await openAfterSales(env)
  const ratedId = await ratedOrder(env)
  // Another customer's rating, which must stay out of A's export.
  await env.cloud.store.insertMany(COLLECTIONS.ratings, [
    { _id: 'ord_of_b', orderId: 'ord_of_b', ownerOpenid: consumerB, quality: 1, text: 'B 的评价' },
  ])
  const visitOf = (ownerOpenid: string, address: string) => ({
    _id: `visit_export_${ownerOpenid}`,
    kind: 'measuring',
    orderId,
    ownerOpenid,
    address,
    window: { start: new Date('2026-12-10T02:00:00Z'), end: new Date('2026-12-10T04:00:00Z') },
    report: { reportId: 'r'.repeat(16), measurements: { width: 210 }, photos: [], note: '' },
  })
  await env.cloud.store.insertMany(COLLECTIONS.visits, [
    visitOf(consumerA, '浦东新区世纪大道 100 号'),
    visitOf(consumerB, '徐汇区 B 的地址'),
  ])
  const result = await call(env, 'user', 'exportData', {}, consumerA)
  expect(result.ok).toBe(true)
  const data = result.data
  expect(data.visits).toEqual([
    expect.objectContaining({
      address: '浦东新区世纪大道 100 号',
      window: { start: '2026-12-10T02:00:00.000Z', end: '2026-12-10T04:00:00.000Z' },
      report: expect.objectContaining({ measurements: { width: 210 } }),
    }),
  ])
  expect(data.openid).toBe(consumerA)
  expect(data.measurementProfiles.map((p: { _id: string }) => p._id)).toContain(profileId)
  expect(
    data.measurementProfiles.every((p: { ownerOpenid: string }) => p.ownerOpenid === consumerA),
  ).toBe(true)
  expect(data.consents).toHaveLength(1)
  expect(data.orderAddresses).toContainEqual(expect.objectContaining({ orderId, address: ADDRESS }))
  expect(data.bookings.map((b: { _id: string }) => b._id)).toContain(slotId)
  const coupons = data.coupons.map((c: { _id: string }) => c._id)
  expect(coupons).toEqual(expect.arrayContaining([couponId, legacyId]))
  expect(data.coupons.find((c: { _id: string }) => c._id === couponId)).toMatchObject({
    ownerOpenid: consumerA,
    amountFen: 1500,
    issuedAt: expect.any(String),
  })
  expect(data.afterSales).toContainEqual(
    expect.objectContaining({
      _id: afterSalesId,
      note: '滤芯外壳有裂纹',
      createdAt: expect.any(String),
    }),
  )
  expect(data.ratings).toEqual([
    expect.objectContaining({
      _id: ratedId,
      quality: 5,
      fit: 4,
      text: '领口很合适，比预计早到',
      createdAt: expect.any(String),
    }),
  ])
  expect(JSON.stringify(data)).not.toContain(consumerB)
})

test('deleteData needs confirm: true and erases nothing without it', async () => {
  await profileOf(env)
  const before = await env.cloud.store.count(COLLECTIONS.measurementProfiles)
  const refused = await call(env, 'user', 'deleteData', { confirm: false }, consumerA)
  expect(refused).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'confirm' })
  expect(await env.cloud.store.count(COLLECTIONS.measurementProfiles)).toBe(before)
})

test('deleteData erases personal data but orders keep their address snapshot', async () => {
  const orderId = await ownerOrder(env)
  await profileOf(env)
  const slotId = await bookedSlot(env)
  await ownerCoupon(env)
  await legacyCoupon(consumerA)
  const othersCoupon = await legacyCoupon(consumerB)
  const couponsBefore = (await env.cloud.store.find(COLLECTIONS.coupons, {})).filter(
    (coupon) => coupon.ownerOpenid === consumerA || coupon.toOpenid === consumerA,
  ).length
  const othersBefore = await env.cloud.store.find(COLLECTIONS.measurementProfiles, {
    ownerOpenid: consumerB,
  })
  const result = await call(env, 'user', 'deleteData', { confirm: true }, consumerA)
  expect(result).toMatchObject({ ok: true, data: { ordersKept: true, coupons: couponsBefore } })
  const find = env.cloud.store.find
  expect(await find(COLLECTIONS.measurementProfiles, { ownerOpenid: consumerA })).toEqual([])
  expect(await find(COLLECTIONS.consents, { ownerOpenid: consumerA })).toEqual([])
  expect(await find(COLLECTIONS.users, { _id: consumerA })).toEqual([])
  expect(await find(COLLECTIONS.appointmentSlots, { bookedBy: consumerA })).toEqual([])
  expect(await find(COLLECTIONS.coupons, { ownerOpenid: consumerA })).toEqual([])
  expect(await find(COLLECTIONS.coupons, { toOpenid: consumerA })).toEqual([])
  expect(await find(COLLECTIONS.coupons, { _id: othersCoupon })).toHaveLength(1)
  const [slot] = await find(COLLECTIONS.appointmentSlots, { _id: slotId })
  expect(slot).toMatchObject({ status: 'open', bookedBy: null })
  const [order] = await find(COLLECTIONS.orders, { _id: orderId })
  expect(order.address).toEqual(ADDRESS)
  expect(await find(COLLECTIONS.measurementProfiles, { ownerOpenid: consumerB })).toEqual(
    othersBefore,
  )
  // A retry finds nothing left and still succeeds.
  const again = await call(env, 'user', 'deleteData', { confirm: true }, consumerA)
  expect(again).toMatchObject({
    ok: true,
    data: { measurementProfiles: 0, consents: 0, coupons: 0 },
  })
})

test('客服 chat: exported to its customer only, erased by deleteData', async () => {
  const chat = (from: string, msgId: string) =>
    env.cloud.pushMessage(FUNCTIONS.service, {
      FromUserName: from,
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'text',
      Content: `我是 ${from}`,
      MsgId: msgId,
    })
  await chat(consumerA, 'privacy_a')
  await chat(consumerB, 'privacy_b')
  const exported = await call(env, 'user', 'exportData', undefined, consumerA)
  expect(exported.data.customerService).toEqual([
    expect.objectContaining({ _id: 'privacy_a', text: `我是 ${consumerA}` }),
  ])
  const deleted = await call(env, 'user', 'deleteData', { confirm: true }, consumerA)
  expect(deleted).toMatchObject({ ok: true, data: { customerService: 2 } })
  const find = env.cloud.store.find
  expect(await find(COLLECTIONS.csMessages, { openid: consumerA })).toEqual([])
  expect(await find(COLLECTIONS.csSessions, { _id: consumerA })).toEqual([])
  expect(await find(COLLECTIONS.csMessages, { openid: consumerB })).toHaveLength(1)
})

test('shop-wide co-purchase counts name no customer: neither exported nor erased', async () => {
  await ownerOrder(env, {}, { paid: false })
  await ownerOrder(
    env,
    { productId: 'prod_curtain', selection: curtainSelection() },
    { paid: false },
  )
  const counts = await env.cloud.store.find(COLLECTIONS.coPurchase, {})
  expect(counts.length).toBeGreaterThan(0)
  const exported = await call(env, 'user', 'exportData', undefined, consumerA)
  expect(exported.ok).toBe(true)
  expect(JSON.stringify(exported.data)).not.toMatch(/co_?purchase/i)
  expect(await call(env, 'user', 'deleteData', { confirm: true }, consumerA)).toMatchObject({
    ok: true,
  })
  expect(await env.cloud.store.find(COLLECTIONS.coPurchase, {})).toEqual(counts)
  expect(JSON.stringify(counts)).not.toContain(consumerA)
})

test('merchant lists never show a full phone number', async () => {
  await ownerOrder(env)
  const board = await call(env, 'order', 'board', {}, merchant)
  expect(board.ok).toBe(true)
  expect(board.data.items.length).toBeGreaterThan(0)
  expect(JSON.stringify(board.data)).not.toContain(ADDRESS.phone)
  for (const item of board.data.items) expect(item.address.phone).toMatch(/^\d{3}\*{4}\d{4}$/)
})

test('export and delete send only indexed queries', async () => {
  await ownerOrder(env)
  await profileOf(env)
  await bookedSlot(env)
  await ownerCoupon(env)
  await legacyCoupon(consumerA)
  env.cloud.uncovered.clear()
  expect(await call(env, 'user', 'exportData', {}, consumerA)).toMatchObject({ ok: true })
  expect(await call(env, 'user', 'deleteData', { confirm: true }, consumerA)).toMatchObject({
    ok: true,
  })
  expect(env.cloud.uncovered.list().filter((query) => query.fn === 'user')).toEqual([])
})
