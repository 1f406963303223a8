// Co-purchase (issue 19) through the real functions: order.create counts the pairs from the
// customer's own order counts (cloud/co-purchase.ts), user.home reads the rows of what the
// customer ordered and shows 买过…的顾客也买了它; with 个性化推荐 off an order counts nothing.
import { userApi } from '@/domain/api/user'
import type { CoPurchaseRecord } from '@/domain/co-purchase'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { callerFor, invoke, useDemoCloud } from '../helpers/demo-cloud'
import { createPayload, curtainSelection } from './order-helpers'

const env = useDemoCloud()
const order = callerFor(env, FUNCTIONS.order)

const rows = async () =>
  Object.fromEntries(
    ((await env.cloud.store.find(COLLECTIONS.coPurchase, {})) as CoPurchaseRecord[]).map((r) => [
      r._id,
      r.counts,
    ]),
  )
const shirt = (openid: string) => order('create', createPayload(), openid)
const curtain = (openid: string) =>
  order(
    'create',
    createPayload({ productId: 'prod_curtain', selection: curtainSelection() }),
    openid,
  )

test('two customers’ orders build the pair counts; a third who bought the shirt sees the curtain', async () => {
  for (const openid of ['o_cp_first', 'o_cp_second']) {
    expect(await shirt(openid)).toMatchObject({ ok: true })
    expect(await curtain(openid)).toMatchObject({ ok: true })
    // Ordering either again pairs nothing more: one count per customer and pair.
    expect(await curtain(openid)).toMatchObject({ ok: true })
  }
  expect(await rows()).toEqual({
    prod_shirt: { prod_curtain: 2 },
    prod_curtain: { prod_shirt: 2 },
  })

  expect(await shirt('o_cp_third')).toMatchObject({ ok: true })
  const home = await invoke(env, userApi.home, {}, 'o_cp_third')
  if (!home.ok) throw new Error(JSON.stringify(home))
  expect(home.data.recommendations).toContainEqual(
    expect.objectContaining({
      productId: 'prod_curtain',
      basis: 'bought_together',
      reason: '买过量体定制衬衫的顾客也买了它',
    }),
  )
})

test('with 个性化推荐 off an order writes no co-purchase count', async () => {
  const openid = 'o_cp_off'
  expect(await shirt(openid)).toMatchObject({ ok: true })
  expect(await invoke(env, userApi.setPersonalisation, { personalised: false }, openid)).toEqual(
    expect.objectContaining({ ok: true }),
  )
  const before = await rows()
  expect(await curtain(openid)).toMatchObject({ ok: true })
  expect(await rows()).toEqual(before)
  const home = await invoke(env, userApi.home, {}, openid)
  if (!home.ok) throw new Error(JSON.stringify(home))
  expect(home.data.recommendations.every((r) => r.basis === 'curated')).toBe(true)
})
