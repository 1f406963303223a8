// What the repository itself must hold: a security rule for every collection (clients never
// write what the functions own), and no secret or real appid anywhere in tracked files.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { COLLECTIONS } from '@/domain/names'

const ROOT = join(__dirname, '..', '..')
const rules = JSON.parse(readFileSync(join(ROOT, 'database', 'security-rules.json'), 'utf8'))

/** Collections only cloud functions may ever write (orders, ledgers, outbox, stock…). */
const FUNCTION_OWNED = [
  'orders',
  'order_audit',
  'subscriptions',
  'notification_queue',
  'message_counters',
  'coupons',
  'materials',
  'stock_reservations',
  'refills',
  'merchants',
]

describe('database/security-rules.json', () => {
  test('every collection in names.ts has a rule, and only those', () => {
    expect(Object.keys(rules).sort()).toEqual(Object.values(COLLECTIONS).sort())
  })

  test.each(Object.values(COLLECTIONS))('%s: a read and a write rule', (name) => {
    expect(rules[name]).toEqual({ read: expect.anything(), write: expect.anything() })
  })

  test.each(FUNCTION_OWNED)('%s: no client write', (name) => {
    expect(rules[name].write).toBe(false)
  })

  test('no collection grants clients writes at all (every write goes through a function)', () => {
    const writable = Object.entries(rules).filter(
      ([, rule]) => (rule as { write: unknown }).write !== false,
    )
    expect(writable).toEqual([])
  })
})

describe('secrets', () => {
  const files = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((file) => file && !/\.(png|jpe?g|ico|woff2?|ttf|gif)$/.test(file))
    .filter((file) => !file.startsWith('package-lock.json'))
  const text = (file: string) => {
    try {
      return readFileSync(join(ROOT, file), 'utf8')
    } catch {
      return '' // listed but deleted in the working tree
    }
  }

  test('project.config.json uses the tourist appid', () => {
    const config = JSON.parse(text('project.config.json'))
    expect(config.appid).toBe('touristappid')
  })

  test('no real appid (wx + 16 hex) outside the local cloud fake', () => {
    const found = files.flatMap((file) =>
      [...text(file).matchAll(/wx[0-9a-f]{16}/g)].map((match) => `${file}: ${match[0]}`),
    )
    expect(found).toEqual([])
  })

  test('no private keys, cloud secrets or tokens', () => {
    const PATTERNS = [
      /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
      /AKID[0-9A-Za-z]{32}/, // Tencent Cloud SecretId
      /(secret_?key|secretKey|appsecret|app_secret)\s*[:=]\s*['"][0-9A-Za-z]{16,}['"]/i,
      /gh[pousr]_[0-9A-Za-z]{36}/,
      /sk-[0-9A-Za-z]{32,}/,
    ]
    const found = files.flatMap((file) =>
      PATTERNS.filter((pattern) => pattern.test(text(file))).map((p) => `${file}: ${p}`),
    )
    expect(found).toEqual([])
  })
})
