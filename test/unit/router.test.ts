// The router is the one door into every cloud function: it must turn anything into an envelope.
import { createRouter, defineAction, defineUserAction } from '@/cloud/router'
import { contract, returns } from '@/domain/api/contract'
import { fail, ok } from '@/domain/result'
import { noPayload, object, string } from '@/domain/validate'

const api = {
  echo: contract(
    'demo',
    'echo',
    object({ text: string({ label: '内容', max: 5 }) }),
    returns<{ text: string; openid: string | null }>(),
  ),
  denied: contract('demo', 'denied', noPayload, returns<never>()),
  crash: contract('demo', 'crash', noPayload, returns<never>()),
  sloppy: contract('demo', 'sloppy', noPayload, returns<never>()),
  whoami: contract('demo', 'whoami', noPayload, returns<{ openid: string }>()),
}

const ran: string[] = []
const main = createRouter('demo', api, {
  echo: defineAction(api.echo, async ({ text }, caller) => {
    ran.push(text)
    return ok({ text, openid: caller.openid })
  }),
  denied: defineAction(api.denied, async () => fail('FORBIDDEN')),
  crash: defineAction(api.crash, async () => {
    throw new Error('database exploded at /srv/secret/path.js:12')
  }),
  sloppy: defineAction(api.sloppy, async () => ({ rows: 1 }) as never),
  whoami: defineUserAction(api.whoami, async (_input, openid) => {
    ran.push(openid)
    return ok({ openid })
  }),
})

beforeEach(() => {
  ran.length = 0
  jest.spyOn(console, 'error').mockImplementation(() => undefined)
  process.env.WX_CONTEXT_KEYS = 'WX_OPENID'
  process.env.WX_OPENID = 'o_router_test'
})
afterEach(() => jest.restoreAllMocks())

test('dispatches on action with the validated payload and the caller from the platform', async () => {
  await expect(main({ action: 'echo', payload: { text: ' hi ' } })).resolves.toEqual({
    ok: true,
    data: { text: 'hi', openid: 'o_router_test' },
  })
})

test('an anonymous call (no OPENID, as from a timer) has a null caller', async () => {
  delete process.env.WX_OPENID
  await expect(main({ action: 'echo', payload: { text: 'x' } })).resolves.toMatchObject({
    data: { openid: null },
  })
})

test.each([
  ['a string event', 'echo'],
  ['null', null],
  ['an array', [{ action: 'echo' }]],
  ['a missing action', { payload: {} }],
  ['a non-string action', { action: { $ne: '' } }],
])('rejects %s as BAD_REQUEST', async (_case, event) => {
  await expect(main(event)).resolves.toMatchObject({ ok: false, code: 'BAD_REQUEST' })
})

test('an unknown action, including inherited names, is an explicit error', async () => {
  for (const action of ['drop', 'constructor', '__proto__', 'toString']) {
    await expect(main({ action })).resolves.toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' })
  }
})

test('invalid payload never reaches the handler', async () => {
  await expect(main({ action: 'echo', payload: { text: 'toolong' } })).resolves.toEqual({
    ok: false,
    code: 'INVALID_INPUT',
    message: '内容不能超过 5 个字',
    field: 'text',
  })
  expect(ran).toEqual([])
})

test('a handler failure is passed through as it is', async () => {
  await expect(main({ action: 'denied' })).resolves.toMatchObject({ ok: false, code: 'FORBIDDEN' })
})

test('a throw becomes INTERNAL without leaking the stack or message', async () => {
  const result = await main({ action: 'crash' })
  expect(result).toEqual({ ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' })
  expect(JSON.stringify(result)).not.toContain('secret')
})

test('a handler that forgets the envelope is caught', async () => {
  await expect(main({ action: 'sloppy' })).resolves.toMatchObject({ ok: false, code: 'INTERNAL' })
})

test('a user action gets the OPENID, and an anonymous caller is refused before it runs', async () => {
  await expect(main({ action: 'whoami' })).resolves.toEqual({
    ok: true,
    data: { openid: 'o_router_test' },
  })
  delete process.env.WX_OPENID
  await expect(main({ action: 'whoami' })).resolves.toMatchObject({
    ok: false,
    code: 'UNAUTHENTICATED',
  })
  expect(ran).toEqual(['o_router_test'])
})
