// Shared set-up of the reliability suites: the seeded demo cloud, the four caller roles, a
// one-query digest of everything the local cloud stores (to prove a refused call wrote nothing),
// and the summary figures each suite reports.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Pool } from 'pg'
import { ACTIONS, type FunctionName } from '@/domain/names'
import {
  consumerA,
  consumerB,
  merchant,
  useDemoCloud,
  type DemoCloud,
  type Envelope,
} from '../helpers/demo-cloud'

import { DEMO_USERS } from '../../tools/seed/demo'

export { consumerA, consumerB, merchant, type Envelope } from '../helpers/demo-cloud'

export const ROLES = ['anonymous', 'other', 'owner', 'merchant', 'staff'] as const
export type Role = (typeof ROLES)[number]

/** The demo staff member (tools/seed/demo.ts): 张师傅, to whom the visit fixtures are assigned. */
export const staffMember = DEMO_USERS.find((user) => user.role === 'staff')!.openid

/**
 * The owner of every fixture resource is consumer A; "other" is consumer B; "staff" is 张师傅, a
 * signed-in user like "other" everywhere but in the visit function.
 */
export const OPENID: Record<Role, string | null> = {
  anonymous: null,
  other: consumerB,
  owner: consumerA,
  merchant,
  staff: staffMember,
}

export type ReliabilityCloud = DemoCloud & {
  /** Direct SQL on this file's database (reads for digests and checks). */
  sql<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>
}

/**
 * The fault suites' one long test drives a few hundred orders under injected faults: its time is
 * the machine's, not what it checks, so it gets room on a busy machine (a CI run beside other
 * builds took it past 120 s).
 */
export const WORKLOAD_TIMEOUT_MS = 300_000

/** The seeded demo cloud plus a small SQL pool; both stop after the file. */
export function useReliabilityCloud(functionEnv?: Record<string, string>): ReliabilityCloud {
  jest.setTimeout(120_000)
  let pool: Pool | undefined
  // Declared first so it runs before the cloud's own afterAll drops the database.
  afterAll(() => pool?.end())
  const env = useDemoCloud(functionEnv) as ReliabilityCloud
  env.sql = async (text, values = []) => {
    if (!pool) {
      pool = new Pool({ connectionString: env.cloud.databaseUrl, max: 4 })
      pool.on('error', () => undefined)
    }
    return (await pool.query(text, values)).rows
  }
  return env
}

/** Every action of every function, from names.ts (a new action joins every suite by itself). */
export function allActions(): [FunctionName, string][] {
  return (Object.keys(ACTIONS) as (keyof typeof ACTIONS)[]).flatMap((fn) =>
    Object.values(ACTIONS[fn]).map((action) => [fn, action as string] as [FunctionName, string]),
  )
}

/** Calls an action the way a phone does (the event travels as JSON). */
export function call(
  env: DemoCloud,
  fn: string,
  action: string,
  payload: unknown,
  openid: string | null,
): Promise<Envelope> {
  const event = payload === undefined ? { action } : { action, payload }
  return env.cloud.invoke(fn, JSON.parse(JSON.stringify(event)), openid) as Promise<Envelope>
}

/** Sends an event verbatim (raw JSON text), for payloads JSON.stringify cannot express. */
export function callRaw(
  env: DemoCloud,
  fn: string,
  eventJson: string,
  openid: string | null,
): Promise<Envelope> {
  return env.cloud.invoke(fn, JSON.parse(eventJson), openid) as Promise<Envelope>
}

/**
 * A digest of every stored document, collection and sent message: equal digests mean nothing
 * was written in between. One query, so suites can take it around each of thousands of calls.
 */
export async function digest(env: ReliabilityCloud): Promise<string> {
  const [row] = await env.sql<{ docs: string; collections: string; inbox: string }>(
    `SELECT
       (SELECT md5(coalesce(string_agg(collection || ':' || id || ':' || data::text, '|'
          ORDER BY collection, id), '')) FROM local_documents) AS docs,
       (SELECT string_agg(name, ',' ORDER BY name) FROM local_collections) AS collections,
       (SELECT count(*)::text FROM local_inbox) AS inbox`,
  )
  return `${row.docs}/${row.collections}/${row.inbox}`
}

/**
 * Counts every row the local cloud's tables gain, change or lose (row triggers on this file's
 * database), so a suite sending thousands of refused calls checks "nothing written" with one
 * tiny read instead of a digest of everything. Install once; read with `writes()`.
 */
export async function installWriteCounter(env: ReliabilityCloud): Promise<() => Promise<number>> {
  await env.sql(`
    CREATE TABLE IF NOT EXISTS test_write_count (n bigint NOT NULL);
    INSERT INTO test_write_count SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM test_write_count);
    CREATE OR REPLACE FUNCTION test_count_write() RETURNS trigger AS $$
      BEGIN UPDATE test_write_count SET n = n + 1; RETURN NULL; END $$ LANGUAGE plpgsql;
    CREATE OR REPLACE TRIGGER test_count_documents AFTER INSERT OR UPDATE OR DELETE
      ON local_documents FOR EACH ROW EXECUTE FUNCTION test_count_write();
    CREATE OR REPLACE TRIGGER test_count_collections AFTER INSERT OR UPDATE OR DELETE
      ON local_collections FOR EACH ROW EXECUTE FUNCTION test_count_write();
    CREATE OR REPLACE TRIGGER test_count_inbox AFTER INSERT OR UPDATE OR DELETE
      ON local_inbox FOR EACH ROW EXECUTE FUNCTION test_count_write();`)
  return async () => Number((await env.sql<{ n: string }>('SELECT n FROM test_write_count'))[0].n)
}

/** Prints one figure line a suite proved (quoted in the reliability summary). */
export function report(line: string): void {
  process.stdout.write(`[reliability] ${line}\n`)
}

const FIGURES_DIR = join(__dirname, '..', '..', 'test-results', 'reliability')

/**
 * Records a suite's figures (test-results/reliability/<suite>.json) for the summary line that
 * `npm run test:reliability` prints (test/reliability/summary.ts), and echoes them.
 */
export function recordFigures(suite: string, figures: Record<string, number>): void {
  mkdirSync(FIGURES_DIR, { recursive: true })
  writeFileSync(join(FIGURES_DIR, `${suite}.json`), JSON.stringify(figures))
  report(`${suite}: ${JSON.stringify(figures)}`)
}

/**
 * Declares a suite's attacks (issue 23): each is a test that reproduces one attack and fails if
 * it gets through. Tried and succeeded counts go to the summary line (every suite whose name
 * ends in "attacks").
 */
export function attackSuite(
  suite: `${string}attacks`,
): (name: string, run: () => Promise<void>, timeoutMs?: number) => void {
  const tally = { tried: 0, succeeded: 0 }
  afterAll(() => recordFigures(suite, tally))
  return (name, run, timeoutMs) =>
    test(
      name,
      async () => {
        tally.tried += 1
        try {
          await run()
        } catch (error) {
          tally.succeeded += 1
          throw error
        }
      },
      timeoutMs,
    )
}

export function readFigures(): Record<string, Record<string, number>> {
  if (!existsSync(FIGURES_DIR)) return {}
  return Object.fromEntries(
    readdirSync(FIGURES_DIR)
      .filter((file) => file.endsWith('.json'))
      .map((file) => [
        file.replace(/\.json$/, ''),
        JSON.parse(readFileSync(join(FIGURES_DIR, file), 'utf8')),
      ]),
  )
}

/** A seeded pseudo-random sequence (a linear congruential generator): a fault run replays. */
export function seededRandom(seed: number) {
  let state = seed
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state / 2 ** 31
  }
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]
  return { next, pick }
}

type Answer = { ok: boolean; code?: string; data?: any } // eslint-disable-line @typescript-eslint/no-explicit-any

/** Retries a call answered with one of `retryOn` or that failed outright, like a tap on 重试. */
export async function withRetries<T extends Answer>(
  work: () => Promise<T>,
  retryOn: readonly string[] = ['INTERNAL'],
): Promise<T | { ok: false; code: 'GAVE_UP' }> {
  for (let attempt = 1; attempt <= 8; attempt += 1) {
    try {
      const result = await work()
      if (result.ok || !retryOn.includes(result.code ?? '')) return result
    } catch {
      // the invocation itself failed (worker timeout): retry
    }
  }
  return { ok: false, code: 'GAVE_UP' }
}
