// Test helper: a local cloud on a FRESH PostgreSQL database, for test/contract, test/cloud and
// test/e2e.
//
//   let cloud: TestCloud
//   beforeAll(async () => { cloud = await startTestCloud({ functionsRoot: FUNCTIONS_ROOT }) })
//   afterAll(() => cloud?.stop())
//   await cloud.invoke('user', { action: 'me' }, 'o_someone')   // main's return value
//   await cloud.store.find('users', { _id: 'o_someone' })        // all matching documents
//
// The PostgreSQL server comes from the jest global setup (process.env.TEST_DATABASE_URL: an
// embedded server started once per run, or DATABASE_URL). Each startTestCloud() creates its own
// database (CREATE DATABASE lc_test_…) and a local cloud on a random port against it; stop()
// stops the cloud and drops the database. Functions keep their config.json timeouts.
import { randomBytes } from 'node:crypto'
import { Client } from 'pg'
import { chinaDateOf } from '@/domain/china-date'
import { DEFAULT_ORDER_LIMITS } from '@/domain/customer-holds'
import {
  startLocalCloud,
  type IndexCheckMode,
  type LocalCloud,
  type LocalCloudUser,
} from '../../tools/local-cloud'
import { FUNCTIONS_ROOT } from '../../tools/build-cloudfunctions'

export interface TestCloudOptions {
  functionsRoot: string
  users?: LocalCloudUser[]
  staticDir?: string
  /** Overrides every function's timeout (ms). */
  functionTimeoutMs?: number
  log?: (line: string) => void
  /**
   * Record queries no index covers. Unset, the project's own functions run with 'report' and
   * stop() fails listing every uncovered query; fixture functions run with LOCAL_CLOUD_INDEX_CHECK.
   */
  indexCheck?: IndexCheckMode
  /** The functions' environment variables, over TEST_FUNCTION_ENV. */
  functionEnv?: Record<string, string>
}

/**
 * Tests place dozens of orders per customer that no merchant confirms, so they raise the
 * open-order limits; the suites about those limits set them back (`defaultOrderLimitsEnv`).
 */
export const TEST_FUNCTION_ENV: Record<string, string> = {
  OPEN_ORDERS_PER_CUSTOMER: '100000',
  OPEN_UNITS_PER_CUSTOMER: '10000000',
}

/** The production defaults of the open-order limits, as function environment variables. */
export const defaultOrderLimitsEnv = (): Record<string, string> => ({
  OPEN_ORDERS_PER_CUSTOMER: String(DEFAULT_ORDER_LIMITS.openOrders),
  OPEN_UNITS_PER_CUSTOMER: String(DEFAULT_ORDER_LIMITS.openUnits),
})

export interface TestCloud extends LocalCloud {
  /** URL of this test's own database. */
  databaseUrl: string
}

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL
  if (!url)
    throw new Error(
      'TEST_DATABASE_URL is not set: run the tests through jest (test/setup/global-setup.js starts PostgreSQL)',
    )
  return url
}

async function admin<T>(sql: string): Promise<T> {
  const client = new Client({ connectionString: serverUrl() })
  await client.connect()
  try {
    return (await client.query(sql)) as T
  } finally {
    await client.end()
  }
}

export async function startTestCloud(options: TestCloudOptions): Promise<TestCloud> {
  const name = `lc_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
  await admin(`CREATE DATABASE ${name}`)
  const url = new URL(serverUrl())
  url.pathname = `/${name}`
  const databaseUrl = url.toString()
  // Every suite that runs the real functions proves their queries are indexed (issue 8).
  const requireIndexes =
    options.indexCheck === undefined && options.functionsRoot === FUNCTIONS_ROOT
  let cloud: LocalCloud
  try {
    cloud = await startLocalCloud({
      functionsRoot: options.functionsRoot,
      databaseUrl,
      port: 0,
      users: options.users,
      staticDir: options.staticDir,
      functionTimeoutMs: options.functionTimeoutMs,
      functionEnv: { ...TEST_FUNCTION_ENV, ...options.functionEnv },
      indexCheck: requireIndexes ? 'report' : options.indexCheck,
      log: options.log ?? (() => undefined),
    })
  } catch (error) {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    throw error
  }
  let stopped: Promise<void> | undefined
  return {
    ...cloud,
    databaseUrl,
    stop: () =>
      (stopped ??= (async () => {
        const uncovered = cloud.uncovered.list()
        await cloud.stop()
        await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
        if (requireIndexes && uncovered.length > 0)
          throw new Error(
            `queries no index in database/indexes.json covers:\n${uncovered
              .map((q) => `  ${q.fn}: ${q.collection} ${q.shape} (×${q.count})`)
              .join('\n')}`,
          )
      })()),
  }
}

/**
 * 11:00 China time on today's China date: outside the 22:00–08:00 quiet hours. Tests that expect
 * a message to be sent (or held) at once set the cloud's clock to it, so they pass at any hour.
 */
export function chinaDaytimeToday(): Date {
  return new Date(`${chinaDateOf(new Date())}T11:00:00+08:00`)
}
