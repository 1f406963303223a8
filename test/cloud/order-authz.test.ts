// order: every action as anonymous, as another consumer, as the owner and as the merchant; and
// malformed payloads, each answered with a stable code while nothing at all is written.
import {
  consumerA,
  consumerB,
  createPayload,
  curtainSelection,
  makeClient,
  merchant,
  rid,
  shirtSelection,
  startOrderCloud,
} from './order-helpers'

const env = startOrderCloud()
const { call, create, snapshot, find } = makeClient(env)

type Who = 'anonymous' | 'other' | 'owner' | 'merchant'
const OPENID: Record<Who, string | null> = {
  anonymous: null,
  other: consumerB,
  owner: consumerA,
  merchant,
}
const WHO: Who[] = ['anonymous', 'other', 'owner', 'merchant']

/** action (event for act) -> expected outcome per caller; the order belongs to `owner`. */
// prettier-ignore
const MATRIX: [string, (orderId: string) => [string, unknown], Record<Who, string>][] = [
  ['quote', () => ['quote', { productId: 'prod_shirt', selection: shirtSelection() }],
    { anonymous: 'ok', other: 'ok', owner: 'ok', merchant: 'ok' }],
  ['create', () => ['create', createPayload()],
    { anonymous: 'UNAUTHENTICATED', other: 'ok', owner: 'ok', merchant: 'ok' }],
  ['reorder', (orderId) => ['reorder', { orderId, requestId: rid() }],
    { anonymous: 'UNAUTHENTICATED', other: 'NOT_FOUND', owner: 'ok', merchant: 'NOT_FOUND' }],
  ['detail', (orderId) => ['detail', { orderId }],
    { anonymous: 'UNAUTHENTICATED', other: 'NOT_FOUND', owner: 'ok', merchant: 'ok' }],
  ['mine', () => ['mine', {}],
    { anonymous: 'UNAUTHENTICATED', other: 'ok', owner: 'ok', merchant: 'ok' }],
  ['board', () => ['board', {}],
    { anonymous: 'UNAUTHENTICATED', other: 'FORBIDDEN', owner: 'FORBIDDEN', merchant: 'ok' }],
  ['act cancel', (orderId) => ['act', { orderId, event: 'cancel' }],
    { anonymous: 'UNAUTHENTICATED', other: 'NOT_FOUND', owner: 'ok', merchant: 'ok' }],
  ['act confirm', (orderId) => ['act', { orderId, event: 'confirm' }],
    { anonymous: 'UNAUTHENTICATED', other: 'NOT_FOUND', owner: 'FORBIDDEN', merchant: 'ok' }],
  ['act set_eta', (orderId) => ['act', { orderId, event: 'set_eta', input: { eta: '2099-01-01', note: '排期调整' } }],
    { anonymous: 'UNAUTHENTICATED', other: 'NOT_FOUND', owner: 'FORBIDDEN', merchant: 'ok' }],
  ['act batch_reached', (orderId) => ['act', { orderId, event: 'batch_reached' }],
    { anonymous: 'UNAUTHENTICATED', other: 'NOT_FOUND', owner: 'FORBIDDEN', merchant: 'INVALID_TRANSITION' }],
]

const CELLS = MATRIX.flatMap(([name, build, expected]) =>
  WHO.map((who) => [name, who, build, expected[who]] as const),
)

describe('authorization matrix', () => {
  test.each(CELLS)('%s as %s', async (_name, who, build, expected) => {
    const order = await create(consumerA)
    const [action, payload] = build(order._id)
    const before = await snapshot()
    const result = await call(action, payload, OPENID[who])
    if (expected === 'ok') {
      expect(result).toMatchObject({ ok: true })
      if (action === 'mine')
        expect(
          result.data.items.every((o: { ownerOpenid: string }) => o.ownerOpenid === OPENID[who]),
        ).toBe(true)
      if (action === 'detail')
        expect(result.data.role).toBe(who === 'owner' ? 'consumer' : 'merchant')
    } else {
      expect(result).toMatchObject({ ok: false, code: expected })
      expect(result.message).toMatch(/[\u4e00-\u9fa5]/)
      expect(await snapshot()).toEqual(before)
    }
    if (['quote', 'detail', 'mine', 'board'].includes(action))
      expect(await snapshot()).toEqual(before)
  })
})

const BIG = 'x'.repeat(100_000)
const GT = { $gt: '' }
const shirt = shirtSelection
const ship = (overrides: Record<string, unknown>) => createPayload({ selection: shirt(overrides) })

type Case = [string, string, (target: string) => unknown, string, string?, string?]
// prettier-ignore
const MALFORMED: Case[] = [
  ['create: payload is an array', 'create', () => [createPayload()], 'INVALID_INPUT'],
  ['create: selection is a string', 'create', () => createPayload({ selection: 'all' }), 'INVALID_INPUT'],
  ['create: quantity is a string', 'create', () => ship({ quantity: '1' }), 'INVALID_INPUT', 'quantity'],
  ['create: negative quantity', 'create', () => ship({ quantity: -1 }), 'INVALID_INPUT', 'quantity'],
  ['create: fractional quantity', 'create', () => ship({ quantity: 1.5 }), 'INVALID_INPUT', 'quantity'],
  ['create: 11 made-to-order shirts', 'create', () => ship({ quantity: 11 }), 'INVALID_INPUT', 'quantity'],
  ['create: urgent is a string', 'create', () => ship({ urgent: 'yes' }), 'INVALID_INPUT', 'urgent'],
  ['create: urgent on a product without urgent', 'create', () => createPayload({ productId: 'prod_curtain', selection: { ...curtainSelection(), urgent: true } }), 'INVALID_INPUT', 'urgent'],
  ['create: unknown top-level field', 'create', () => ({ ...createPayload(), node: 'completed' }), 'INVALID_INPUT'],
  ['create: client price in the selection', 'create', () => ship({ priceFen: 1 }), 'INVALID_INPUT', 'priceFen'],
  ['create: 100k-char monogram', 'create', () => ship({ texts: { monogram: BIG } }), 'INVALID_INPUT', 'texts.monogram'],
  ['create: 100k-char address', 'create', () => createPayload({ address: { name: '林', phone: '13812345678', region: '上海', detail: BIG } }), 'INVALID_INPUT'],
  ['create: 100k-char requestId', 'create', () => createPayload({ requestId: BIG }), 'INVALID_INPUT'],
  ['create: 100k-char productId', 'create', () => createPayload({ productId: BIG }), 'INVALID_INPUT'],
  ['create: 100k-char option group', 'create', () => ship({ options: { [BIG]: ['x'] } }), 'INVALID_INPUT'],
  ['create: requestId too short', 'create', () => createPayload({ requestId: 'abc' }), 'INVALID_INPUT'],
  ['create: unknown product', 'create', () => createPayload({ productId: 'prod_unicorn' }), 'NOT_FOUND'],
  ['create: choice not in schema', 'create', () => ship({ options: { fabric: ['silk'], collar: ['spread'], cuff: ['barrel'] } }), 'INVALID_INPUT', 'options.fabric'],
  ['create: option group not in schema', 'create', () => ship({ options: { fabric: ['oxford'], collar: ['spread'], cuff: ['barrel'], pocket: ['none'] } }), 'INVALID_INPUT', 'options.pocket'],
  ['create: two choices in a single group', 'create', () => ship({ options: { fabric: ['oxford', 'linen'], collar: ['spread'], cuff: ['barrel'] } }), 'INVALID_INPUT', 'options.fabric'],
  ['create: measurement out of range', 'create', () => ship({ measurements: { neck: 300, chest: 98, shoulder: 45, sleeve: 62, length: 76 } }), 'INVALID_INPUT', 'measurements.neck'],
  ['create: measurement is a string', 'create', () => ship({ measurements: { neck: '39', chest: 98, shoulder: 45, sleeve: 62, length: 76 } }), 'INVALID_INPUT', 'measurements.neck'],
  ['create: operator as a measurement', 'create', () => ship({ measurements: { neck: { $gt: 0 }, chest: 98, shoulder: 45, sleeve: 62, length: 76 } }), 'INVALID_INPUT', 'measurements.neck'],
  ['create: missing measurement', 'create', () => ship({ measurements: { neck: 39 } }), 'INVALID_INPUT', 'measurements.chest'],
  ['create: bad phone', 'create', () => createPayload({ address: { name: '林晓', phone: '12345', region: '上海', detail: '某路 1 号' } }), 'INVALID_INPUT'],
  ['create: no address', 'create', () => ({ requestId: rid(), productId: 'prod_shirt', selection: shirt() }), 'INVALID_INPUT'],
  ['create: {$gt} productId', 'create', () => createPayload({ productId: GT }), 'INVALID_INPUT'],
  ['create: {$gt} requestId', 'create', () => createPayload({ requestId: GT }), 'INVALID_INPUT'],
  ['create: {$gt} profileId', 'create', () => createPayload({ profileId: GT }), 'INVALID_INPUT'],
  ['quote: negative quantity', 'quote', () => ({ productId: 'prod_shirt', selection: shirt({ quantity: -3 }) }), 'INVALID_INPUT', 'quantity'],
  ['quote: {$gt} productId', 'quote', () => ({ productId: GT, selection: shirt() }), 'INVALID_INPUT'],
  ['reorder: {$gt} orderId', 'reorder', () => ({ orderId: GT, requestId: rid() }), 'INVALID_INPUT'],
  ['reorder: unknown field', 'reorder', (id) => ({ orderId: id, requestId: rid(), quantity: 5 }), 'INVALID_INPUT'],
  ['detail: {$gt} orderId', 'detail', () => ({ orderId: GT }), 'INVALID_INPUT'],
  ['detail: 100k-char orderId', 'detail', () => ({ orderId: BIG }), 'INVALID_INPUT'],
  ['mine: limit 0', 'mine', () => ({ limit: 0 }), 'INVALID_INPUT'],
  ['mine: limit 21', 'mine', () => ({ limit: 21 }), 'INVALID_INPUT'],
  ['mine: limit as a string', 'mine', () => ({ limit: '5' }), 'INVALID_INPUT'],
  ['mine: unknown tab', 'mine', () => ({ tab: 'all' }), 'INVALID_INPUT'],
  ['mine: garbage cursor', 'mine', () => ({ cursor: BIG }), 'INVALID_INPUT'],
  ['mine: well-shaped cursor, not a time', 'mine', () => ({ cursor: 'abc|x' }), 'INVALID_INPUT'],
  ['board: well-shaped cursor, not a date', 'board', () => ({ cursor: 'abc|x' }), 'INVALID_INPUT', undefined, merchant],
  ['mine: {$gt} cursor', 'mine', () => ({ cursor: GT }), 'INVALID_INPUT'],
  ['mine: ownerOpenid in the payload', 'mine', () => ({ ownerOpenid: consumerB }), 'INVALID_INPUT'],
  ['board: limit 51', 'board', () => ({ limit: 51 }), 'INVALID_INPUT', undefined, merchant],
  ['board: unknown node', 'board', () => ({ node: 'lost' }), 'INVALID_INPUT', undefined, merchant],
  ['board: {$gt} node', 'board', () => ({ node: GT }), 'INVALID_INPUT', undefined, merchant],
  ['act: {$gt} orderId', 'act', () => ({ orderId: GT, event: 'confirm' }), 'INVALID_INPUT', undefined, merchant],
  ['act: unknown order', 'act', () => ({ orderId: 'ord_nope', event: 'confirm' }), 'NOT_FOUND', undefined, merchant],
  ['act: unknown event', 'act', (id) => ({ orderId: id, event: 'refund' }), 'INVALID_INPUT', undefined, merchant],
  ['act: event is an object', 'act', (id) => ({ orderId: id, event: GT }), 'INVALID_INPUT', undefined, merchant],
  ['act: unknown input field', 'act', (id) => ({ orderId: id, event: 'confirm', input: { discount: 1 } }), 'INVALID_INPUT', 'discount', merchant],
  ['act: input is an array', 'act', (id) => ({ orderId: id, event: 'confirm', input: [1] }), 'INVALID_INPUT', undefined, merchant],
  ['act: 100k-char note', 'act', (id) => ({ orderId: id, event: 'confirm', input: { note: BIG } }), 'INVALID_INPUT', 'note', merchant],
  ['act: bad photo id', 'act', (id) => ({ orderId: id, event: 'confirm', input: { photos: ['<script>'] } }), 'INVALID_INPUT', 'photos', merchant],
  ['act: expectedVersion as a string', 'act', (id) => ({ orderId: id, event: 'confirm', expectedVersion: '1' }), 'INVALID_INPUT', undefined, merchant],
  ['act: negative expectedVersion', 'act', (id) => ({ orderId: id, event: 'confirm', expectedVersion: -1 }), 'INVALID_INPUT', undefined, merchant],
  ['act: unknown top-level field', 'act', (id) => ({ orderId: id, event: 'confirm', actorRole: 'system' }), 'INVALID_INPUT', undefined, merchant],
  ['act: set_eta in the past', 'act', (id) => ({ orderId: id, event: 'set_eta', input: { eta: '2000-01-01', note: '排期调整' } }), 'INVALID_INPUT', 'eta', merchant],
  ['act: set_eta without its reason', 'act', (id) => ({ orderId: id, event: 'set_eta', input: { eta: '2099-01-01', note: '  ' } }), 'INVALID_INPUT', 'note', merchant],
  ['act: consumer fires batch_reached', 'act', (id) => ({ orderId: id, event: 'batch_reached' }), 'FORBIDDEN'],
  ['unknown action', 'dropOrders', () => ({}), 'UNKNOWN_ACTION'],
]

describe('malformed payloads', () => {
  let target: string
  beforeAll(async () => {
    target = (await create(consumerA))._id
  })

  // One object per row: jest.each would pass `done` to a callback with more parameters than cells.
  test.each(MALFORMED.map((row) => [row[0], row] as const))('%s', async (_name, row) => {
    const [, action, build, code, field, openid = consumerA] = row
    const before = await snapshot()
    const result = await call(action, build(target), openid)
    expect(result).toMatchObject({ ok: false, code })
    if (field !== undefined) expect(result.field).toBe(field)
    expect(result.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(result.message!.length).toBeLessThan(200)
    expect(await snapshot()).toEqual(before)
  })

  test('an event without an action is BAD_REQUEST', async () => {
    const before = await snapshot()
    await expect(env.cloud.invoke('order', { payload: {} }, consumerA)).resolves.toMatchObject({
      ok: false,
      code: 'BAD_REQUEST',
    })
    expect(await snapshot()).toEqual(before)
  })

  test('the target order is untouched by all of it', async () => {
    const [order] = await find('orders', { _id: target })
    expect(order).toMatchObject({ node: 'submitted', version: 2 }) // created and paid
  })
})
