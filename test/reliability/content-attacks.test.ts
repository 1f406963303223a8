// Hostile content in valid-looking payloads (issue 23 items 4 and 9), through the real functions:
// text PostgreSQL cannot store (NUL, a lone surrogate) or a control character in any free-text
// field is refused with INVALID_INPUT and writes nothing, as the real cloud must too (never an
// INTERNAL that only the local cloud gives); bidirectional overrides are stored stripped; and an
// order event takes photos only as this environment's file ids under order-photos/, only from
// the merchant (the only form that offers photos), so no order can make the merchant's phone
// fetch a URL of the customer's choosing.
import { COLLECTIONS } from '@/domain/names'
import { LOCAL_CLOUD_ENV } from '@/domain/photos'
import { ADDRESS, createPayload, shirtSelection } from '../cloud/order-helpers'
import { material, openSlot, ownerOrder, profileOf } from './fixtures'
import {
  attackSuite,
  call,
  consumerA,
  digest,
  merchant,
  useReliabilityCloud,
  type Envelope,
} from './harness'

const env = useReliabilityCloud()
const attack = attackSuite('content-attacks')

/** The environment the local cloud runs functions in (tools/local-cloud, TCB_ENV). */
const ENV = LOCAL_CLOUD_ENV
const GOOD_LOCAL_PHOTO = 'local-file://0f8fad5b-d9cb-469f-a165-70867728950e.jpg'
const GOOD_CLOUD_PHOTO = `cloud://${ENV}.6c6f-${ENV}-1250000000/order-photos/lq3x9z-0-a1b2c3.jpg`

const NUL = 'a\u0000b'
const LONE_HIGH = '\ud800'
const LONE_LOW = 'x\udc00y'
const BELL = '备注\u0007'
const C1 = '备注\u0085'

/** A refused call: INVALID_INPUT (never INTERNAL), a Chinese message, and nothing written. */
async function expectRefused(send: () => Promise<Envelope>, field?: string): Promise<Envelope> {
  const before = await digest(env)
  const result = await send()
  expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  expect(result.message).toMatch(/[\u4e00-\u9fa5]/)
  if (field !== undefined) expect(result.field).toBe(field)
  expect(await digest(env)).toBe(before)
  return result
}

type TextCase = {
  name: string
  field: string
  /** Makes what the call needs (an order, a slot, a material) before the digest is taken. */
  setup?: () => Promise<string>
  send: (bad: string, made: string) => Promise<Envelope>
}

const TEXT_CASES: TextCase[] = [
  {
    name: 'order.create address name',
    field: 'address.name',
    send: (bad) =>
      call(
        env,
        'order',
        'create',
        createPayload({ address: { ...ADDRESS, name: bad } }),
        consumerA,
      ),
  },
  {
    name: 'order.create address detail',
    field: 'address.detail',
    send: (bad) =>
      call(
        env,
        'order',
        'create',
        createPayload({ address: { ...ADDRESS, detail: `长宁路 ${bad} 号` } }),
        consumerA,
      ),
  },
  {
    name: 'order.create product text (monogram)',
    field: 'texts.monogram',
    send: (bad) =>
      call(
        env,
        'order',
        'create',
        createPayload({ selection: shirtSelection({ texts: { monogram: bad } }) }),
        consumerA,
      ),
  },
  {
    name: 'order.act note (consumer cancel)',
    field: 'note',
    setup: () => ownerOrder(env),
    send: (bad, orderId) =>
      call(env, 'order', 'act', { orderId, event: 'cancel', input: { note: bad } }, consumerA),
  },
  {
    name: 'order.act ship carrier (merchant)',
    field: 'carrier',
    setup: async () => {
      const orderId = await ownerOrder(env)
      for (const event of [
        'confirm',
        'purchase_materials',
        'start_production',
        'start_quality_check',
      ])
        expect((await call(env, 'order', 'act', { orderId, event }, merchant)).ok).toBe(true)
      return orderId
    },
    send: (bad, orderId) =>
      call(
        env,
        'order',
        'act',
        { orderId, event: 'ship', input: { carrier: `顺丰${bad}`, trackingNo: 'SF12345678' } },
        merchant,
      ),
  },
  {
    name: 'profile.save name',
    field: 'name',
    setup: () => profileOf(env),
    send: (bad, id) =>
      call(env, 'profile', 'save', { id, name: bad, values: { chest: 96 } }, consumerA),
  },
  {
    name: 'appointment.book note',
    field: 'note',
    setup: () => openSlot(env),
    send: (bad, slotId) => call(env, 'appointment', 'book', { slotId, note: bad }, consumerA),
  },
  {
    name: 'appointment.defineSlots designer',
    field: 'slots.0.designer',
    send: (bad) =>
      call(
        env,
        'appointment',
        'defineSlots',
        {
          slots: [
            {
              startsAt: new Date(Date.now() + 400 * 3600 * 1000).toISOString(),
              minutes: 30,
              designer: bad,
            },
          ],
        },
        merchant,
      ),
  },
  {
    name: 'merchant.saveMaterial name',
    field: 'name',
    send: (bad) =>
      call(
        env,
        'merchant',
        'saveMaterial',
        { name: bad, unit: '米', safetyLevel: 5, quantity: 10 },
        merchant,
      ),
  },
  {
    name: 'merchant.adjustStock note',
    field: 'note',
    setup: () => material(env),
    send: (bad, materialId) =>
      call(
        env,
        'merchant',
        'adjustStock',
        { materialId, delta: 1, reason: 'restock', note: bad },
        merchant,
      ),
  },
  {
    name: 'merchant.addMerchant name',
    field: 'name',
    send: (bad) =>
      call(env, 'merchant', 'addMerchant', { openid: 'o_helper_text', name: bad }, merchant),
  },
]

const UNSTORABLE = [
  ['NUL', NUL],
  ['a lone high surrogate', LONE_HIGH],
  ['a lone low surrogate', LONE_LOW],
] as const

for (const { name, field, setup, send } of TEXT_CASES)
  for (const [what, bad] of UNSTORABLE)
    attack(`${what} in ${name} is refused (INVALID_INPUT, nothing written)`, async () => {
      const made = setup ? await setup() : ''
      await expectRefused(() => send(bad, made), field)
    })

// Other control characters are refused the same way (a few fields: the check is shared).
for (const { name, field, setup, send } of TEXT_CASES.filter((c) =>
  [
    'order.create address name',
    'appointment.book note',
    'order.act note (consumer cancel)',
  ].includes(c.name),
))
  for (const [what, bad] of [
    ['a BEL control character', BELL],
    ['a C1 control character', C1],
  ] as const)
    attack(`${what} in ${name} is refused`, async () => {
      const made = setup ? await setup() : ''
      await expectRefused(() => send(bad, made), field)
    })

/** Overrides and isolates that make stored text read differently from what it holds. */
const BIDI = '\u202e'
const ISOLATE = '\u2066'
const POP = '\u2069'
const HAS_BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/

attack('a bidi override in a booking note is stored stripped', async () => {
  const slotId = await openSlot(env)
  const booked = await call(
    env,
    'appointment',
    'book',
    { slotId, note: `请${BIDI}在周末${ISOLATE}联系${POP}` },
    consumerA,
  )
  expect(booked.ok).toBe(true)
  const [slot] = await env.cloud.store.find(COLLECTIONS.appointmentSlots, { _id: slotId })
  expect(slot.note).toBe('请在周末联系')
  // Cancelled again, so the owner's three-booking limit stays free for the other attacks.
  expect((await call(env, 'appointment', 'cancel', { slotId }, consumerA)).ok).toBe(true)
})

attack(
  'bidi overrides in an order note, an address and a product text are stored stripped',
  async () => {
    const created = await call(
      env,
      'order',
      'create',
      createPayload({
        address: { ...ADDRESS, name: `王${BIDI}小明` },
        selection: shirtSelection({ texts: { monogram: `${ISOLATE}LX${POP}` } }),
      }),
      consumerA,
    )
    expect(created.ok).toBe(true)
    const orderId = created.data.order._id
    const cancelled = await call(
      env,
      'order',
      'act',
      { orderId, event: 'cancel', input: { note: `不要了${BIDI}gnp.exe` } },
      consumerA,
    )
    expect(cancelled.ok).toBe(true)
    const [order] = await env.cloud.store.find(COLLECTIONS.orders, { _id: orderId })
    expect(order.address.name).toBe('王小明')
    expect(order.selection.texts.monogram).toBe('LX')
    expect(order.timeline.at(-1).note).toBe('不要了gnp.exe')
    expect(JSON.stringify(order)).not.toMatch(HAS_BIDI)
  },
)

// ---- photos ----

const BAD_PHOTOS: [string, string][] = [
  ['an https URL (a tracking beacon)', 'https://evil.example/b.png'],
  [
    'another environment’s file id',
    'cloud://other-env.6f74-other-env-1250000000/order-photos/a.jpg',
  ],
  ['a javascript: URL', 'javascript:alert(1)'],
  ['a javascript: URL shaped like a path', 'javascript://x/order-photos/a.jpg'],
  [
    'this environment’s id outside order-photos/',
    `cloud://${ENV}.6c6f-${ENV}-1250000000/avatars/a.jpg`,
  ],
  [
    'a path that climbs out of order-photos/',
    `cloud://${ENV}.6c6f-${ENV}-1250000000/order-photos/../x.jpg`,
  ],
  ['a local file id that is not the local cloud’s', 'local-file://../../etc/passwd'],
  ['a plain path', '/order-photos/a.jpg'],
]

for (const [what, photo] of BAD_PHOTOS)
  attack(`order.act refuses ${what} as a photo, writing nothing`, async () => {
    const orderId = await ownerOrder(env)
    const result = await expectRefused(
      () =>
        call(
          env,
          'order',
          'act',
          { orderId, event: 'confirm', input: { photos: [GOOD_LOCAL_PHOTO, photo] } },
          merchant,
        ),
      'photos',
    )
    expect(result.message).toContain('照片')
  })

attack('merchant.actMany refuses a foreign photo URL on every order, writing nothing', async () => {
  const orderIds = [await ownerOrder(env), await ownerOrder(env)]
  const before = await digest(env)
  const result = await call(
    env,
    'merchant',
    'actMany',
    { orderIds, event: 'confirm', input: { photos: ['https://evil.example/b.png'] } },
    merchant,
  )
  expect(result.ok).toBe(true)
  expect(result.data).toMatchObject({ applied: 0, failed: 2 })
  for (const item of result.data.results) expect(item).toMatchObject({ code: 'INVALID_INPUT' })
  expect(await digest(env)).toBe(before)
})

attack(
  'a customer cannot attach photos (their forms offer none), even well-formed ones',
  async () => {
    const orderId = await ownerOrder(env)
    await expectRefused(
      () =>
        call(
          env,
          'order',
          'act',
          { orderId, event: 'cancel', input: { photos: [GOOD_LOCAL_PHOTO] } },
          consumerA,
        ),
      'photos',
    )
  },
)

attack(
  'this environment’s photos under order-photos/ are still accepted from the merchant',
  async () => {
    const orderId = await ownerOrder(env)
    const result = await call(
      env,
      'order',
      'act',
      { orderId, event: 'confirm', input: { photos: [GOOD_LOCAL_PHOTO, GOOD_CLOUD_PHOTO] } },
      merchant,
    )
    expect(result.ok).toBe(true)
    const [order] = await env.cloud.store.find(COLLECTIONS.orders, { _id: orderId })
    expect(order.timeline.at(-1).photos).toEqual([GOOD_LOCAL_PHOTO, GOOD_CLOUD_PHOTO])
  },
)

test('a consumer’s note may keep its line breaks and tabs', async () => {
  const orderId = await ownerOrder(env)
  const result = await call(
    env,
    'order',
    'act',
    { orderId, event: 'cancel', input: { note: '第一行\n第二行\t完' } },
    consumerA,
  )
  expect(result.ok).toBe(true)
  const [order] = await env.cloud.store.find(COLLECTIONS.orders, { _id: orderId })
  expect(order.timeline.at(-1).note).toBe('第一行\n第二行\t完')
})
