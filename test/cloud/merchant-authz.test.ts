// Every merchant action, and order.board, called anonymously or as a consumer is refused
// (UNAUTHENTICATED / FORBIDDEN) with nothing written anywhere; the merchant gets through.
import { ACTIONS } from '@/domain/names'
import { consumerA, consumerB, merchant, useDemoCloud } from '../helpers/demo-cloud'
import { createPayload, linenSelection } from './order-helpers'
import { merchantClient } from './merchant-helpers'

const env = useDemoCloud()
const { call, order, snapshot } = merchantClient(env)

let orderId: string
beforeAll(async () => {
  const created = await order('create', createPayload(), consumerA)
  orderId = created.data.order._id
  await order(
    'create',
    createPayload({ productId: 'prod_linen_batch', selection: linenSelection(2) }),
    consumerA,
  )
})

type MerchantAction = keyof typeof ACTIONS.merchant
/** A valid payload for each action, so only the caller's identity can refuse it. */
const PAYLOADS: Record<MerchantAction, () => unknown> = {
  actMany: () => ({ orderIds: [orderId], event: 'confirm' }),
  stock: () => undefined,
  saveMaterial: () => ({
    name: '测试面料',
    unit: '米',
    safetyLevel: 1,
    quantity: 5,
    usage: [{ productId: 'prod_shirt', perUnit: 1 }],
  }),
  adjustStock: () => ({ materialId: 'mat_shirting', delta: 5, reason: 'restock' }),
  flagStockOut: () => ({ materialId: 'mat_shirting', offered: [{ type: 'cancel' }] }),
  batches: () => ({}),
  closeBatch: () => ({ batchId: 'prod_linen_batch-b1' }),
  cancelBatch: () => ({ batchId: 'prod_linen_batch-b1', note: '面料断供' }),
  dashboard: () => undefined,
  merchants: () => undefined,
  addMerchant: () => ({ openid: consumerB, name: '新商家' }),
  removeMerchant: () => ({ openid: merchant }),
  refundOrder: () => ({ orderId, amountFen: 100, reason: '其他', requestId: 'req_authz_1' }),
  retryRefund: () => ({ orderId, outRefundNo: 'R1' }),
  reconciliation: () => ({}),
  failedRefunds: () => undefined,
  afterSalesQueue: () => ({}),
  decideAfterSales: () => ({ afterSalesId: 'as_none', decision: 'decline', reason: '超出保修' }),
  decideAfterSalesMany: () => ({
    afterSalesIds: ['as_none'],
    decision: 'decline',
    reason: '超出保修',
  }),
  csInbox: () => ({}),
  csReply: () => ({ openid: consumerA, text: '您好', requestId: 'req_authz_cs' }),
  insights: () => undefined,
}
const ACTION_NAMES = Object.keys(PAYLOADS) as MerchantAction[]

test('the payload table covers every merchant action', () => {
  expect(ACTION_NAMES.sort()).toEqual(Object.keys(ACTIONS.merchant).sort())
})

describe.each([
  ['anonymous', null, 'UNAUTHENTICATED'],
  ['a consumer', consumerA, 'FORBIDDEN'],
  ['another consumer', consumerB, 'FORBIDDEN'],
])('called as %s', (_label, openid, code) => {
  test.each(ACTION_NAMES)('merchant.%s is refused and writes nothing', async (action) => {
    const before = await snapshot()
    const result = await call(action, PAYLOADS[action](), openid)
    expect(result).toMatchObject({ ok: false, code })
    expect(await snapshot()).toEqual(before)
  })

  test('order.board (with search and filters) is refused', async () => {
    const before = await snapshot()
    for (const payload of [{}, { search: '5678' }, { node: 'submitted', urgent: true }]) {
      expect(await order('board', payload, openid)).toMatchObject({ ok: false, code })
    }
    expect(await snapshot()).toEqual(before)
  })
})

test('the merchant may call each read action', async () => {
  for (const action of [
    'stock',
    'batches',
    'dashboard',
    'merchants',
    'reconciliation',
    'failedRefunds',
    'insights',
  ] as const) {
    expect(await call(action, PAYLOADS[action](), merchant)).toMatchObject({ ok: true })
  }
  expect(await order('board', { search: '5678' }, merchant)).toMatchObject({ ok: true })
})
