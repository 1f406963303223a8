// After-sales in the cloud (issue 17): a delivered order's owner asks for an alteration within the
// window (repairs any time), one open request per order even under races, bad input and
// strangers write nothing; the merchant's queue marks overdue requests; accept / decline / close
// apply once, and closing or withdrawing frees the order for a new request. Each answer queues
// one 售后进度通知 in its transaction, sent after the commit or held without a credit.
import type { AfterSalesRecord } from '@/domain/after-sales'
import type { OutboxRecord } from '@/domain/message-drafts'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { addDays, chinaDateOf } from '@/domain/china-date'
import { callerFor } from '../helpers/demo-cloud'
import { chinaDaytimeToday } from '../helpers/local-cloud'
import { customerPhotos, merchantPhoto } from '../helpers/photos'
import { messageClient } from './message-helpers'
import { consumerA, consumerB, makeClient, merchant, rid, startOrderCloud } from './order-helpers'

const env = startOrderCloud({ OPEN_ORDERS_PER_CUSTOMER: '50', OPEN_UNITS_PER_CUSTOMER: '500' })
const client = makeClient(env)
const { call, create, find, stored } = client
const merchantCall = callerFor(env, FUNCTIONS.merchant)
const messages = messageClient(env)
const DAY = 24 * 3600 * 1000

afterEach(() => env.cloud.clock.set(null))

const deliveredShirt = (openid = consumerA) => client.deliveredShirt(openid)

const alteration = (orderId: string, delta = -2, overrides: Record<string, unknown> = {}) => ({
  orderId,
  requestId: rid('as'),
  kind: 'alteration',
  reason: '尺寸不合适',
  note: '袖子长了一点',
  alterations: [{ measurementId: 'sleeve', delta }],
  ...overrides,
})

const requests = () => find(COLLECTIONS.afterSales) as Promise<AfterSalesRecord[]>
const everything = async () => ({
  requests: await requests(),
  orders: await find(COLLECTIONS.orders),
})

describe('order.requestAfterSales', () => {
  test('an alteration on a delivered shirt is recorded and holds the order’s one open place', async () => {
    const orderId = await deliveredShirt()
    const asked = await call('requestAfterSales', alteration(orderId), consumerA)
    expect(asked).toMatchObject({ ok: true, data: { repeated: false } })
    expect(asked.data.request).toMatchObject({
      orderId,
      kind: 'alteration',
      state: 'submitted',
      alterations: [{ measurementId: 'sleeve', label: '袖长', unit: 'cm', from: 62, delta: -2 }],
    })
    expect(await stored(orderId)).toMatchObject({ afterSalesOpen: asked.data.request._id })

    const listed = await call('afterSales', { orderId }, consumerA)
    expect(listed.data).toMatchObject({ offered: [], windowDays: 15 })
    expect(listed.data.items.map((item: AfterSalesRecord) => item._id)).toEqual([
      asked.data.request._id,
    ])

    // A second request is refused, the same one sent again answers the first.
    const before = await everything()
    const second = await call(
      'requestAfterSales',
      { ...alteration(orderId), kind: 'remake', alterations: undefined },
      consumerA,
    )
    expect(second).toMatchObject({ ok: false, code: 'AFTER_SALES_OPEN' })
    expect(await everything()).toEqual(before)
  })

  test('a repeated requestId answers the same request and writes nothing more', async () => {
    const orderId = await deliveredShirt()
    const payload = alteration(orderId)
    const first = await call('requestAfterSales', payload, consumerA)
    const before = await everything()
    const repeat = await call('requestAfterSales', payload, consumerA)
    expect(repeat).toMatchObject({ ok: true, data: { repeated: true } })
    expect(repeat.data.request._id).toBe(first.data.request._id)
    expect(await everything()).toEqual(before)
  })

  test('strangers, undelivered orders, bad measurements and a closed window are refused, writing nothing', async () => {
    const orderId = await deliveredShirt()
    const undelivered = (await create(consumerA))._id
    const before = await everything()
    const cases: [string | null, object, string][] = [
      [null, alteration(orderId), 'UNAUTHENTICATED'],
      [consumerB, alteration(orderId), 'NOT_FOUND'],
      [merchant, alteration(orderId), 'NOT_FOUND'],
      [consumerA, alteration(undelivered), 'INVALID_TRANSITION'],
      [consumerA, alteration(orderId, 20), 'INVALID_INPUT'],
      [consumerA, alteration(orderId, -15), 'INVALID_INPUT'],
      [consumerA, alteration(orderId, 0.3), 'INVALID_INPUT'],
      [
        consumerA,
        alteration(orderId, -2, { alterations: [{ measurementId: 'waist', delta: 1 }] }),
        'INVALID_INPUT',
      ],
      [consumerA, alteration(orderId, -2, { alterations: [] }), 'INVALID_INPUT'],
      [consumerA, alteration(orderId, -2, { kind: 'return' }), 'INVALID_INPUT'],
      [consumerA, alteration(orderId, -2, { reason: '不想要了' }), 'INVALID_INPUT'],
    ]
    for (const [openid, payload, code] of cases)
      expect(await call('requestAfterSales', payload, openid)).toMatchObject({ ok: false, code })
    expect(await everything()).toEqual(before)

    env.cloud.clock.set(new Date(Date.now() + 16 * DAY))
    const late = await everything()
    expect(await call('requestAfterSales', alteration(orderId), consumerA)).toMatchObject({
      ok: false,
      code: 'AFTER_SALES_CLOSED',
    })
    expect(await everything()).toEqual(late)
    // Repairs have no window.
    const repair = await call(
      'requestAfterSales',
      alteration(orderId, 0, { kind: 'repair', reason: '使用中损坏', alterations: undefined }),
      consumerA,
    )
    expect(repair).toMatchObject({ ok: true, data: { request: { kind: 'repair' } } })
    expect((await call('afterSales', { orderId }, consumerA)).data.offered).toEqual([])
  })

  test('an alteration outside the product’s range names the range', async () => {
    const orderId = await deliveredShirt()
    const result = await call(
      'requestAfterSales',
      alteration(orderId, 0, { alterations: [{ measurementId: 'neck', delta: -10 }] }),
      consumerA,
    )
    // 领围 39 − 10 = 29 is under the product's minimum.
    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(result.message).toMatch(/领围改后为 29cm，超出/)
    expect(await requests()).not.toContainEqual(expect.objectContaining({ orderId }))
  })

  test('the caller’s own photos are stored; anyone else’s, a URL, seven or a repeat write nothing', async () => {
    const orderId = await deliveredShirt()
    const before = await everything()
    const [own] = customerPhotos(consumerA)
    const refused: [string, unknown, string][] = [
      ['another customer’s photo', [own, ...customerPhotos(consumerB)], '照片不是你上传的'],
      ['the merchant’s photo', [merchantPhoto()], '照片不是你上传的'],
      ['a URL', ['https://evil.example/a.jpg'], '照片地址不正确'],
      [
        'a cloud file of another environment',
        [own.replace('local-file://', 'cloud://x.y/order-photos/')],
        '照片不是你上传的',
      ],
      ['seven photos', customerPhotos(consumerA, 7), '照片最多 6 张'],
      ['the same photo twice', [own, own], '同一张照片只能添加一次'],
    ]
    for (const [what, photos, message] of refused) {
      const result = await call('requestAfterSales', alteration(orderId, -2, { photos }), consumerA)
      expect({ what, result }).toMatchObject({
        result: {
          ok: false,
          code: 'INVALID_INPUT',
          field: 'photos',
          message: expect.stringContaining(message),
        },
      })
    }
    expect(await everything()).toEqual(before)

    const photos = customerPhotos(consumerA, 6)
    const asked = await call('requestAfterSales', alteration(orderId, -2, { photos }), consumerA)
    expect(asked).toMatchObject({ ok: true, data: { request: { photos } } })
    expect(await requests()).toContainEqual(expect.objectContaining({ orderId, photos }))
    const listed = await call('afterSales', { orderId }, merchant)
    expect(listed.data.items[0]).toMatchObject({ photos })
  })

  test('a request without photos stores none', async () => {
    const orderId = await deliveredShirt()
    const asked = await call('requestAfterSales', alteration(orderId), consumerA)
    expect(asked.data.request.photos).toEqual([])
  })

  test('ten different requests racing on one order: exactly one is recorded', async () => {
    const orderId = await deliveredShirt()
    const results = await Promise.all(
      Array.from({ length: 10 }, () => call('requestAfterSales', alteration(orderId), consumerA)),
    )
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    for (const result of results.filter((r) => !r.ok))
      expect(['AFTER_SALES_OPEN', 'CONFLICT']).toContain(result.code)
    expect((await requests()).filter((request) => request.orderId === orderId)).toHaveLength(1)
  })
})

test('the customer withdraws an unanswered request, which frees the order', async () => {
  const orderId = await deliveredShirt()
  const id = (await call('requestAfterSales', alteration(orderId), consumerA)).data.request._id
  const before = await everything()
  for (const openid of [consumerB, merchant])
    expect(await call('withdrawAfterSales', { afterSalesId: id }, openid)).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    })
  expect(await everything()).toEqual(before)
  const withdrawn = await call('withdrawAfterSales', { afterSalesId: id }, consumerA)
  expect(withdrawn.data.request.state).toBe('withdrawn')
  expect(await stored(orderId)).toMatchObject({ afterSalesOpen: null })
  expect((await call('requestAfterSales', alteration(orderId), consumerA)).ok).toBe(true)
})

describe('the merchant answers', () => {
  test('accepting an alteration reworks the order; its redelivery closes the request and frees the order', async () => {
    const orderId = await deliveredShirt()
    const asked = await call('requestAfterSales', alteration(orderId), consumerA)
    const id = asked.data.request._id

    const queue = await merchantCall('afterSalesQueue', { kind: 'alteration' }, merchant)
    expect(queue.data.responseHours).toBe(48)
    expect(queue.data.items).toContainEqual(expect.objectContaining({ _id: id, overdue: false }))

    const accepted = await merchantCall(
      'decideAfterSales',
      { afterSalesId: id, decision: 'accept', plan: '改短袖长 2cm', days: 3 },
      merchant,
    )
    expect(accepted.data.request).toMatchObject({
      state: 'accepted',
      plan: { text: '改短袖长 2cm', days: 3 },
    })
    expect(await call('withdrawAfterSales', { afterSalesId: id }, consumerA)).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
    })
    expect(
      await merchantCall(
        'decideAfterSales',
        { afterSalesId: id, decision: 'decline', reason: '不符合' },
        merchant,
      ),
    ).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' })

    // The shirt goes back to the workshop on the same order: the plan and its date on the timeline.
    const reworking = await stored(orderId)
    expect(reworking).toMatchObject({
      node: 'rework',
      afterSalesOpen: id,
      rework: { afterSalesId: id, kind: 'alteration' },
      eta: addDays(chinaDateOf(new Date()), 3),
    })
    expect(reworking.timeline.at(-1)).toMatchObject({
      node: 'rework',
      event: 'rework',
      actorRole: 'system',
      note: '改尺寸：改短袖长 2cm',
    })
    const audit = await find(COLLECTIONS.orderAudit)
    expect(audit.filter((row) => row.orderId === orderId).map((row) => row.event)).toContain(
      'rework',
    )
    // Neither 寄回 nor 完成 on the request: the order's own quality check and shipping carry it,
    // and the order is neither cancelled nor flagged while reworked.
    for (const decision of [
      { decision: 'ship_back', carrier: '顺丰速运', trackingNo: 'SF2026120288' },
      { decision: 'close' },
    ])
      expect(
        await merchantCall('decideAfterSales', { afterSalesId: id, ...decision }, merchant),
      ).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' })
    expect(await client.act(merchant, orderId, 'cancel')).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
    })
    expect((await client.act(merchant, orderId, 'start_quality_check')).ok).toBe(true)
    const ship = { carrier: '顺丰速运', trackingNo: 'SF2026120288' }
    expect((await client.act(merchant, orderId, 'ship', ship)).ok).toBe(true)
    expect(await stored(orderId)).toMatchObject({ afterSalesOpen: id })
    expect((await client.act(merchant, orderId, 'deliver')).ok).toBe(true)

    // Its arrival closes the request and frees the order.
    const closed = (await requests()).find((request) => request._id === id)!
    expect(closed.state).toBe('closed')
    expect(closed.steps.map((step) => `${step.state}/${step.actorRole}`)).toEqual([
      'submitted/consumer',
      'accepted/merchant',
      'closed/system',
    ])
    expect(await stored(orderId)).toMatchObject({
      node: 'delivered',
      afterSalesOpen: null,
      rework: null,
    })
    const reopened = await call('afterSales', { orderId }, consumerA)
    expect(reopened.data.offered).toEqual(['alteration', 'remake', 'return', 'repair'])
    // What 改尺寸 may change: the ordered sizes with the product's limits.
    expect(reopened.data.sizes).toContainEqual({
      measurementId: 'sleeve',
      label: '袖长',
      unit: 'cm',
      step: 0.5,
      min: 50,
      max: 75,
      from: 62,
    })
    expect((await call('afterSales', { orderId }, merchant)).data).toMatchObject({
      offered: [],
      sizes: [],
    })
    const queueAfter = await merchantCall('afterSalesQueue', {}, merchant)
    expect(queueAfter.data.items).not.toContainEqual(expect.objectContaining({ _id: id }))
  })

  test('a repair is shipped back and closed by the shop, the order never leaving 已签收', async () => {
    const orderId = await deliveredShirt()
    const repair = {
      ...alteration(orderId),
      kind: 'repair',
      reason: '使用中损坏',
      alterations: undefined,
    }
    const id = (await call('requestAfterSales', repair, consumerA)).data.request._id
    const accept = { afterSalesId: id, decision: 'accept', plan: '更换纽扣', days: 2 }
    expect((await merchantCall('decideAfterSales', accept, merchant)).ok).toBe(true)
    expect(await stored(orderId)).toMatchObject({ node: 'delivered', afterSalesOpen: id })

    // 寄回 needs its tracking number; then the customer reads where the shirt is.
    const untracked = { afterSalesId: id, decision: 'ship_back', carrier: '顺丰速运' }
    expect(await merchantCall('decideAfterSales', untracked, merchant)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      field: 'trackingNo',
    })
    const shipped = await merchantCall(
      'decideAfterSales',
      { ...untracked, trackingNo: 'SF2026120288' },
      merchant,
    )
    expect(shipped.data.request).toMatchObject({
      state: 'shipped_back',
      shipping: { carrier: '顺丰速运', trackingNo: 'SF2026120288' },
    })
    expect(
      await merchantCall(
        'decideAfterSales',
        { ...untracked, trackingNo: 'SF2026120299' },
        merchant,
      ),
    ).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' })
    const closed = await merchantCall(
      'decideAfterSales',
      { afterSalesId: id, decision: 'close', plan: '已修好寄回' },
      merchant,
    )
    expect(closed.data.request.steps.map((step: { state: string }) => step.state)).toEqual([
      'submitted',
      'accepted',
      'shipped_back',
      'closed',
    ])
    expect(await stored(orderId)).toMatchObject({ node: 'delivered', afterSalesOpen: null })
  })

  test('a request unanswered past 48 hours is marked overdue', async () => {
    const orderId = await deliveredShirt()
    const id = (await call('requestAfterSales', alteration(orderId), consumerA)).data.request._id
    env.cloud.clock.set(new Date(Date.now() + 49 * 3600 * 1000))
    const queue = await merchantCall('afterSalesQueue', {}, merchant)
    expect(queue.data.items).toContainEqual(expect.objectContaining({ _id: id, overdue: true }))
  })

  test('accept needs a plan and days, decline a reason; refused answers write nothing', async () => {
    const orderId = await deliveredShirt()
    const id = (await call('requestAfterSales', alteration(orderId), consumerA)).data.request._id
    const before = await everything()
    for (const payload of [
      { afterSalesId: id, decision: 'accept', days: 3 },
      { afterSalesId: id, decision: 'accept', plan: '改短' },
      { afterSalesId: id, decision: 'decline' },
      { afterSalesId: id, decision: 'close' },
    ])
      expect((await merchantCall('decideAfterSales', payload, merchant)).ok).toBe(false)
    expect(
      await merchantCall(
        'decideAfterSales',
        { afterSalesId: 'as_none', decision: 'decline', reason: '无' },
        merchant,
      ),
    ).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await everything()).toEqual(before)
  })

  test('twenty answers racing on one request: exactly one applies', async () => {
    const orderId = await deliveredShirt()
    const id = (await call('requestAfterSales', alteration(orderId), consumerA)).data.request._id
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        merchantCall(
          'decideAfterSales',
          n % 2
            ? { afterSalesId: id, decision: 'accept', plan: `方案${n}`, days: 2 }
            : { afterSalesId: id, decision: 'decline', reason: `原因${n}` },
          merchant,
        ),
      ),
    )
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    const [request] = (await requests()).filter((r) => r._id === id)
    expect(request.steps).toHaveLength(2)
    // One answer, one message: the losers' transactions queued nothing.
    expect(await updatesOf(orderId)).toEqual([
      expect.objectContaining({ key: `after_sales:${id}:${request.state}` }),
    ])
  })
})

const updatesOf = (orderId: string) =>
  messages.outbox({ orderId, purpose: 'after_sales_update' }) as Promise<OutboxRecord[]>

describe('售后进度通知', () => {
  // Daytime, so quiet hours never defer the send; a customer per test, so no daily cap is near.
  let customer: string
  let serial = 0
  beforeEach(() => {
    serial += 1
    customer = `o_as_msg_${serial}_${Date.now()}`
    env.cloud.clock.set(chinaDaytimeToday())
  })
  const deliveredTo = async () => {
    const orderId = await deliveredShirt(customer)
    const asked = await call('requestAfterSales', alteration(orderId), customer)
    return { orderId, id: asked.data.request._id as string }
  }
  const received = async () =>
    (await env.cloud.inbox.list()).filter(
      (sent) => sent.touser === customer && sent.templateId === 'DEV_TEMPLATE_AFTER_SALES_UPDATE',
    )

  test('an accept queues one message with the plan, sent at once on the credit asked at 提交申请', async () => {
    await messages.grant(customer, 'after_sales_update', 2)
    const { orderId, id } = await deliveredTo()
    const accept = { afterSalesId: id, decision: 'accept', plan: '改短袖长 2cm', days: 3 }
    expect((await merchantCall('decideAfterSales', accept, merchant)).ok).toBe(true)

    const [row, ...more] = await updatesOf(orderId)
    expect(more).toEqual([])
    expect(row).toMatchObject({
      key: `after_sales:${id}:accepted`,
      toOpenid: customer,
      status: 'sent',
      creditSpent: true,
      page: `pages/order/index?id=${orderId}`,
      values: { detail: '预计 3 天：改短袖长 2cm', status: 'after_sales_accepted' },
    })
    const [sent, ...others] = await received()
    expect(others).toEqual([])
    expect(sent).toMatchObject({
      page: `pages/order/index?id=${orderId}&mid=${row._id}`,
      fn: FUNCTIONS.merchant,
      errcode: 0,
      data: {
        thing2: { value: '改尺寸 · 袖长 −2cm' },
        phrase3: { value: '已受理' },
        thing4: { value: '预计 3 天：改短袖长 2cm' },
      },
    })
    expect(await messages.creditsOf(customer, 'after_sales_update')).toBe(1)

    // The same accept again, or a decline after it: refused, nothing more queued or sent.
    for (const again of [accept, { afterSalesId: id, decision: 'decline', reason: '不符合' }])
      expect(await merchantCall('decideAfterSales', again, merchant)).toMatchObject({
        ok: false,
        code: 'INVALID_TRANSITION',
      })
    expect(await updatesOf(orderId)).toEqual([row])
    expect(await received()).toEqual([sent])

    // The reworked shirt's arrival closes the request without a second 售后 message: the
    // order's own 已签收 tells the customer.
    for (const event of ['start_quality_check', 'ship', 'deliver'])
      expect(
        (
          await client.act(
            merchant,
            orderId,
            event,
            event === 'ship' ? { carrier: '顺丰速运', trackingNo: 'SF2026120288' } : undefined,
          )
        ).ok,
      ).toBe(true)
    expect(await updatesOf(orderId)).toEqual([row])
    expect((await received()).map((message) => message.data.phrase3.value)).toEqual(['已受理'])
  })

  test('without a credit a decline is held, and the customer reads it on the order', async () => {
    const { orderId, id } = await deliveredTo()
    const decline = { afterSalesId: id, decision: 'decline', reason: '商品已穿着洗涤' }
    expect((await merchantCall('decideAfterSales', decline, merchant)).ok).toBe(true)
    expect(await updatesOf(orderId)).toEqual([
      expect.objectContaining({ status: 'held', holdReason: 'no_credit', creditSpent: false }),
    ])
    expect(await received()).toEqual([])
    const inbox = await messages.call('inbox', { orderId }, customer)
    const updates = inbox.data.items.filter(
      (item: { purpose: string }) => item.purpose === 'after_sales_update',
    )
    expect(updates).toEqual([
      expect.objectContaining({
        purpose: 'after_sales_update',
        title: '售后进度通知',
        status: 'held',
        page: `pages/order/index?id=${orderId}`,
        lines: expect.arrayContaining([
          { label: '处理进度', value: '未受理' },
          { label: '处理说明', value: '商品已穿着洗涤' },
        ]),
      }),
    ])
  })
})

test('round trips of each after-sales action (docs/actions.md)', async () => {
  const counted = async (fn: string, action: string, payload: object, openid: string) => {
    const { result, roundTrips } = await env.cloud.invokeCounted(fn, { action, payload }, openid)
    expect({ action, result }).toMatchObject({ result: { ok: true } })
    return { data: (result as { data: { request: AfterSalesRecord } }).data, roundTrips }
  }
  const orderId = await deliveredShirt()
  // Photos cost no round trip: whose they are is read from their folder.
  const photos = customerPhotos(consumerA, 3)
  const asked = await counted(
    FUNCTIONS.order,
    'requestAfterSales',
    alteration(orderId, -2, { photos }),
    consumerA,
  )
  const listed = await counted(FUNCTIONS.order, 'afterSales', { orderId }, consumerA)
  const queue = await counted(FUNCTIONS.merchant, 'afterSalesQueue', {}, merchant)
  const decided = await counted(
    FUNCTIONS.merchant,
    'decideAfterSales',
    { afterSalesId: asked.data.request._id, decision: 'decline', reason: '已超出可改范围' },
    merchant,
  )
  const again = await counted(FUNCTIONS.order, 'requestAfterSales', alteration(orderId), consumerA)
  const withdrawn = await counted(
    FUNCTIONS.order,
    'withdrawAfterSales',
    { afterSalesId: again.data.request._id },
    consumerA,
  )
  const third = await counted(FUNCTIONS.order, 'requestAfterSales', alteration(orderId), consumerA)
  const accepted = await counted(
    FUNCTIONS.merchant,
    'decideAfterSales',
    { afterSalesId: third.data.request._id, decision: 'accept', plan: '改短袖长 2cm', days: 3 },
    merchant,
  )
  expect({
    request: asked.roundTrips,
    list: listed.roundTrips,
    queue: queue.roundTrips,
    decide: decided.roundTrips,
    withdraw: withdrawn.roundTrips,
    rework: accepted.roundTrips,
  }).toEqual({
    // The repeat check, then one transaction: start, order, product (alterations), request set,
    // order update, commit.
    request: 7,
    list: 2, // order, requests (the product too when 改尺寸 is offered: 3)
    queue: 2, // merchant, requests
    // merchant; start, request, order, order update, outbox get/set, request set, commit; then the
    // 售后进度通知 held in-app (no credit here): 7 more (its claim reads the customer's settings,
    // credit and day count at once)
    decide: 16,
    withdraw: 6,
    // An alteration's accept: as decline, but the order's rework writes the order, its counter
    // (order-counters.ts) and its audit row in the same transaction.
    rework: 18,
  })
})

test('round trips of 寄回信息, the queue with an accepted return, and a paid return’s 完成', async () => {
  const counted = async (fn: string, action: string, payload: object, openid: string) => {
    const { result, roundTrips } = await env.cloud.invokeCounted(fn, { action, payload }, openid)
    expect({ action, result }).toMatchObject({ result: { ok: true } })
    return roundTrips
  }
  const orderId = await deliveredShirt()
  const returned = { orderId, requestId: rid('ret'), kind: 'return', reason: '与描述不符' }
  const afterSalesId = (await call('requestAfterSales', returned, consumerA)).data.request._id
  const accept = { afterSalesId, decision: 'accept', plan: '收到后退款', days: 3 }
  expect((await merchantCall('decideAfterSales', accept, merchant)).ok).toBe(true)
  const shipment = { afterSalesId, carrier: '顺丰速运', trackingNo: 'SF2026120177' }
  expect({
    ship: await counted(FUNCTIONS.order, 'sendAfterSalesItem', shipment, consumerA),
    queue: await counted(FUNCTIONS.merchant, 'afterSalesQueue', { kind: 'return' }, merchant),
    close: await counted(
      FUNCTIONS.merchant,
      'decideAfterSales',
      { afterSalesId, decision: 'close', refundFen: 1000 },
      merchant,
    ),
  }).toEqual({
    ship: 4, // start, request get, request set, commit
    queue: 3, // merchant, requests, the accepted return's order (what is left to refund)
    // merchant; the close (start, request, order, order update, request set, outbox get/set,
    // commit); requestRefund (start, order get, order set, audit add, commit; + 1 cloudPay
    // refund); the refund's number on the request; then the 售后进度通知 held in-app: 7
    close: 22,
  })
})
