// The local photo stand-in (tools/local-cloud/files.ts): POST /cloud/files[?dir=] stores an image
// for the caller (in a customer's folder with dir) and answers a local-file:// id; GET
// /cloud/files/[<dir>/]<name> serves it back. Anything else (no caller, not an image, too large,
// a folder of another shape, a guessed or escaping name) is refused.
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { FILES_DIR, MAX_FILE_BYTES } from '../../tools/local-cloud/files'
import { startTestCloud, type TestCloud } from '../helpers/local-cloud'
import { FIXTURES } from './fixtures'

let cloud: TestCloud
const created: string[] = []
beforeAll(async () => {
  cloud = await startTestCloud({ functionsRoot: FIXTURES, users: [] })
})
afterAll(async () => {
  for (const name of created) rmSync(join(FILES_DIR, name), { force: true })
  await cloud?.stop()
})

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

const upload = (
  body: Buffer,
  type: string,
  openid: string | null = 'o_demo_merchant',
  query = '',
) =>
  fetch(`${cloud.url}/cloud/files${query}`, {
    method: 'POST',
    headers: { 'Content-Type': type, ...(openid ? { 'X-Local-Openid': openid } : {}) },
    body: new Uint8Array(body),
  })

test('an uploaded image comes back byte for byte under the returned url', async () => {
  const res = await upload(PNG, 'image/png')
  expect(res.status).toBe(200)
  const { fileID, url } = (await res.json()) as { fileID: string; url: string }
  const name = url.slice('/cloud/files/'.length)
  created.push(name)
  expect(fileID).toBe(`local-file://${name}`)
  expect(name).toMatch(/^[0-9a-f-]{36}\.png$/)
  const back = await fetch(`${cloud.url}${url}`)
  expect(back.status).toBe(200)
  expect(back.headers.get('content-type')).toBe('image/png')
  expect(Buffer.from(await back.arrayBuffer()).equals(PNG)).toBe(true)
})

test('a customer’s upload goes to their folder and comes back from it', async () => {
  const dir = 'u0123456789abcdef'
  const res = await upload(PNG, 'image/png', 'o_demo_consumer_a', `?dir=${dir}`)
  expect(res.status).toBe(200)
  const { fileID, url } = (await res.json()) as { fileID: string; url: string }
  const path = url.slice('/cloud/files/'.length)
  created.push(path)
  expect(path).toMatch(new RegExp(`^${dir}/[0-9a-f-]{36}\\.png$`))
  expect(fileID).toBe(`local-file://${path}`)
  const back = await fetch(`${cloud.url}${url}`)
  expect(back.status).toBe(200)
  expect(Buffer.from(await back.arrayBuffer()).equals(PNG)).toBe(true)
  // The same name outside its folder is another file: not found.
  const name = path.split('/')[1]
  expect((await fetch(`${cloud.url}/cloud/files/${name}`)).status).toBe(404)
})

test('two uploads of the same bytes get different names', async () => {
  const names = await Promise.all(
    [1, 2].map(
      async () => ((await (await upload(PNG, 'image/jpeg')).json()) as { url: string }).url,
    ),
  )
  created.push(...names.map((u) => u.slice('/cloud/files/'.length)))
  expect(names[0]).not.toBe(names[1])
})

test.each([
  ['no caller', () => upload(PNG, 'image/png', null), 401],
  ['not an image', () => upload(Buffer.from('<script>'), 'text/html'), 415],
  ['an svg (may carry script)', () => upload(Buffer.from('<svg/>'), 'image/svg+xml'), 415],
  ['an empty body', () => upload(Buffer.alloc(0), 'image/png'), 400],
  ['a body over the limit', () => upload(Buffer.alloc(MAX_FILE_BYTES + 1), 'image/png'), 413],
  ['a folder climbing out', () => upload(PNG, 'image/png', 'o_a', '?dir=..%2F..'), 400],
  ['a folder of another shape', () => upload(PNG, 'image/png', 'o_a', '?dir=avatars'), 400],
  ['an empty folder', () => upload(PNG, 'image/png', 'o_a', '?dir='), 400],
])('refuses %s', async (_label, send, status) => {
  const res = await send()
  expect(res.status).toBe(status)
  expect(await res.json()).toMatchObject({ errMsg: expect.any(String) })
})

test.each([
  '/cloud/files/00000000-0000-0000-0000-000000000000.png',
  '/cloud/files/..%2F..%2Fpackage.json',
  '/cloud/files/../../package.json',
  '/cloud/files/',
  '/cloud/files/u0123456789abcdef/00000000-0000-0000-0000-000000000000.png',
  '/cloud/files/u0123456789abcdef/..%2F..%2Fpackage.json',
  '/cloud/files/avatars/00000000-0000-0000-0000-000000000000.png',
  '/cloud/files/u0123456789abcdef/u0123456789abcdef/00000000-0000-0000-0000-000000000000.png',
])('GET %s is not found', async (path) => {
  expect((await fetch(`${cloud.url}${path}`)).status).toBe(404)
})
