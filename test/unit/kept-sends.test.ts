// Writes kept on the phone until the server settles them (services/kept-sends.ts). Device storage
// is WeChat's boundary, replaced by a map; the keeping and settling rules are the real code.
import { fail, ok, type Result } from '@/domain/result'
import { keptSends, type KeptSend } from '@/services/kept-sends'

const storage = new Map<string, unknown>()
jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    getStorageSync: (key: string) => storage.get(key) ?? '',
    setStorageSync: (key: string, value: unknown) => storage.set(key, value),
    removeStorageSync: (key: string) => storage.delete(key),
  },
}))

type Report = { note: string }
beforeEach(() => storage.clear())

/** A server that answers each id from a script, recording what it was sent. */
function server(answers: Record<string, Result<unknown>[]>) {
  const sent: string[] = []
  const send = async ({ id }: KeptSend<Report>) => {
    sent.push(id)
    return answers[id]?.shift() ?? ok({})
  }
  return { sent, send }
}

test('a write is kept before sending and dropped once the server takes it', async () => {
  const reports = keptSends<Report>('reports')
  await reports.keep('r1', { note: '已安装' })
  expect((await reports.list()).map((kept) => kept.id)).toEqual(['r1'])
  const { send, sent } = server({})
  await expect(reports.flush(send)).resolves.toEqual({ sent: 1, kept: 0, refused: [] })
  expect(sent).toEqual(['r1'])
  expect(await reports.list()).toEqual([])
})

test('no signal, a server error or a race keep it; the next flush sends it again', async () => {
  const reports = keptSends<Report>('reports')
  await reports.keep('r1', { note: '量好了' })
  const { send, sent } = server({
    r1: [fail('NETWORK'), fail('INTERNAL'), fail('CONFLICT'), ok({})],
  })
  for (let attempt = 0; attempt < 3; attempt += 1)
    await expect(reports.flush(send)).resolves.toEqual({ sent: 0, kept: 1, refused: [] })
  await expect(reports.flush(send)).resolves.toMatchObject({ sent: 1, kept: 0 })
  expect(sent).toEqual(['r1', 'r1', 'r1', 'r1'])
  expect(await reports.list()).toEqual([])
})

test('a final refusal is dropped and handed back to be shown', async () => {
  const reports = keptSends<Report>('reports')
  await reports.keep('r1', { note: 'a' })
  await reports.keep('r2', { note: 'b' })
  const { send } = server({ r1: [fail('INVALID_TRANSITION', '上门已取消')] })
  const outcome = await reports.flush(send)
  expect(outcome).toMatchObject({ sent: 1, kept: 0 })
  expect(outcome.refused).toEqual([
    { ok: false, code: 'INVALID_TRANSITION', message: '上门已取消', id: 'r1' },
  ])
  expect(await reports.list()).toEqual([])
})

test('keeping the same id again replaces it; two flushes at once send once', async () => {
  const reports = keptSends<Report>('reports')
  await reports.keep('r1', { note: '初稿' })
  await reports.keep('r1', { note: '改过' })
  expect((await reports.list()).map((kept) => kept.payload.note)).toEqual(['改过'])
  const { send, sent } = server({})
  const [first, second] = await Promise.all([reports.flush(send), reports.flush(send)])
  expect(first).toEqual(second)
  expect(sent).toEqual(['r1'])
})

test('a write kept while a flush is waiting for the server stays for the next one', async () => {
  const reports = keptSends<Report>('reports')
  await reports.keep('r1', { note: 'a' })
  let answer: (value: Result<unknown>) => void = () => undefined
  const flushing = reports.flush(() => new Promise((resolve) => (answer = resolve)))
  await new Promise((resolve) => setImmediate(resolve))
  await reports.keep('r2', { note: 'b' })
  answer(ok({}))
  await expect(flushing).resolves.toMatchObject({ sent: 1 })
  expect((await reports.list()).map((kept) => kept.id)).toEqual(['r2'])
})

test('each kind of write has its own store', async () => {
  await keptSends<Report>('reports').keep('r1', { note: 'a' })
  expect(await keptSends<Report>('arrivals').list()).toEqual([])
})
