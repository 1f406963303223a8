// Authorisation matrix, generated from names.ts: every action x {anonymous, another consumer,
// the owner, the merchant}, each on fresh resources of the owner, checked against THE policy
// table (./policy.ts). Refusals carry the policy's code and leave the database byte-identical.
// An action without a policy entry or a fixture fails here; so does a function not deployed.
import { FUNCTIONS } from '@/domain/names'
import { settlePayments } from '../helpers/demo-cloud'
import { fixtureOf, ownerOrder } from './fixtures'
import {
  OPENID,
  ROLES,
  allActions,
  call,
  digest,
  recordFigures,
  useReliabilityCloud,
  type Role,
} from './harness'
import { VARIANTS, policyOf, type RolePolicy } from './policy'

const env = useReliabilityCloud()

type Cell = [label: string, role: Role, fn: string, fixtureKey: string, policy?: RolePolicy]

const CELLS: Cell[] = [
  ...allActions().flatMap(([fn, action]) =>
    ROLES.map((role): Cell => [`${fn}.${action}`, role, fn, action, policyOf(fn, action)]),
  ),
  ...VARIANTS.flatMap(({ fn, action, name, policy }) =>
    ROLES.map((role): Cell => [`${fn}.${action} (${name})`, role, fn, `${action}:${name}`, policy]),
  ),
]

let checked = 0
afterAll(() => recordFigures('authz', { cells: CELLS.length, checked }))

test('every action in names.ts has a policy entry and a fixture', () => {
  const missing = allActions().filter(
    ([fn, action]) => !policyOf(fn, action) || !fixtureOf(fn, action),
  )
  expect(missing).toEqual([])
})

describe('authorisation matrix', () => {
  test.each(CELLS)('%s as %s', async (_label, role, fn, key, policy) => {
    expect(policy).toBeDefined()
    const fixture = fixtureOf(fn, key)
    if (!fixture) throw new Error(`no fixture for ${fn}.${key}`)
    const payload = await fixture(env)
    const action = key.split(':')[0]
    // A refund an earlier cell started settles by a notice that arrives on its own time.
    await settlePayments(env)
    const before = await digest(env)
    const result = await call(env, fn, action, payload, OPENID[role])
    const expected = policy![role]
    if (expected === 'ok') {
      expect(result).toMatchObject({ ok: true })
    } else {
      expect(result).toMatchObject({ ok: false, code: expected })
      expect(result.message).toMatch(/[\u4e00-\u9fa5]/)
      expect(await digest(env)).toBe(before)
    }
    checked += 1
  })
})

// The payment callback function has no actions: WeChat calls it with its notice. A caller with
// an OPENID is a client and is refused; without one, a notice WeChat does not confirm (queryOrder)
// is answered errcode 0 and changes nothing.
describe('the payment callback function', () => {
  test.each(ROLES)('a forged paid notice as %s changes nothing', async (role) => {
    const orderId = await ownerOrder(env, {}, { paid: false })
    const paying = await call(env, 'order', 'pay', { orderId }, OPENID.owner)
    expect(paying).toMatchObject({ ok: true })
    await settlePayments(env)
    const before = await digest(env)
    const forged = {
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      outTradeNo: paying.data.outTradeNo,
      totalFee: 1,
      transactionId: 'forged',
    }
    const answer = (await env.cloud.invoke(FUNCTIONS.payment, forged, OPENID[role])) as {
      errcode: number
    }
    expect(answer.errcode === 0).toBe(role === 'anonymous')
    expect(await digest(env)).toBe(before)
  })
})
