// The script index.html runs before app.js (services/first-screen-boot.ts): it asks for the demo
// identities and makes the launch page's first read as the identity local-identity.ts would
// choose (the remembered one while offered, else the first consumer), and leaves app.js to do
// everything itself when a step fails.
import { firstScreenBootScript, type FirstScreenBoot } from '@/services/first-screen-boot'
import { HOME_PAGE, SHOP_PAGES } from '@/routes'

const USERS = [
  { openid: 'o_merchant', name: '店主', role: 'merchant' },
  { openid: 'o_a', name: '顾客 A', role: 'consumer' },
  { openid: 'o_b', name: '顾客 B', role: 'consumer' },
]

interface Setup {
  hash?: string
  stored?: string | null
  users?: { status: number; body: unknown } | 'offline'
}

/** Runs the script with a stand-in fetch; returns what it left and every request it made. */
function run({ hash = '', stored = null, users = { status: 200, body: USERS } }: Setup) {
  const requests: Array<{ url: string; init?: RequestInit }> = []
  const fetch = async (url: string, init?: RequestInit) => {
    requests.push({ url, init })
    if (url.endsWith('/users')) {
      if (users === 'offline') throw new TypeError('Failed to fetch')
      return new Response(JSON.stringify(users.body), { status: users.status })
    }
    return new Response(JSON.stringify({ result: { ok: true, data: {} } }))
  }
  const window: Record<string, unknown> = {}
  const localStorage = { getItem: () => stored }
  new Function('window', 'location', 'localStorage', 'fetch', firstScreenBootScript('/cloud'))(
    window,
    { hash },
    localStorage,
    fetch,
  )
  return { boot: window.__firstScreenBoot as FirstScreenBoot, requests }
}

const asked = (requests: Array<{ url: string; init?: RequestInit }>) =>
  requests.map(({ url, init }) => ({
    url,
    openid: (init?.headers as Record<string, string> | undefined)?.['X-Local-Openid'],
    body: init?.body,
  }))

test('home (no page in the address): identities, then user.home as the first consumer', async () => {
  const { boot, requests } = run({})
  expect(await boot.users).toEqual(USERS)
  expect(boot.read?.page).toBe(HOME_PAGE)
  expect(await boot.read?.openid).toBe('o_a')
  expect((await boot.read?.reply)?.ok).toBe(true)
  expect(asked(requests)).toEqual([
    { url: '/cloud/users', openid: undefined, body: undefined },
    { url: '/cloud/invoke/user', openid: 'o_a', body: JSON.stringify({ action: 'home' }) },
  ])
})

test('the home page by name, as the remembered identity while it is offered', async () => {
  const remembered = (openid: string) => JSON.stringify({ data: openid })
  expect(await run({ hash: `#${HOME_PAGE}`, stored: remembered('o_b') }).boot.read?.openid).toBe(
    'o_b',
  )
  expect(await run({ stored: remembered('o_gone') }).boot.read?.openid).toBe('o_a')
  expect(await run({ stored: 'not json' }).boot.read?.openid).toBe('o_a')
  const merchantsOnly = { status: 200, body: USERS.slice(0, 1) }
  expect(await run({ users: merchantsOnly }).boot.read?.openid).toBe('o_merchant')
})

test('another page: only the identities are asked for', async () => {
  const { boot, requests } = run({ hash: `#${SHOP_PAGES.order}?id=ord_1` })
  expect(boot.read).toBeUndefined()
  expect(await boot.users).toEqual(USERS)
  expect(requests.map((r) => r.url)).toEqual(['/cloud/users'])
})

test.each([
  ['offline', 'offline' as const],
  ['answering HTTP 503', { status: 503, body: { errMsg: 'starting' } }],
  ['listing nobody', { status: 200, body: [] }],
])('a local cloud %s: nothing read, app.js asks again', async (_, users) => {
  const { boot, requests } = run({ users })
  const body = await boot.users
  expect(body === null || (Array.isArray(body) && body.length === 0)).toBe(true)
  expect(await boot.read?.openid).toBeNull()
  expect(await boot.read?.reply).toBeNull()
  expect(requests.map((r) => r.url)).toEqual(['/cloud/users'])
})
