// Public API of the local cloud: a development server (not a mock) that runs the unmodified
// built cloud functions with the unmodified wx-server-sdk against real PostgreSQL.
//
//   const cloud = await startLocalCloud({ functionsRoot: 'cloudfunctions', port: 9300 })
//   await cloud.invoke('user', { action: 'me' }, 'o_demo_consumer_a')
//
// Database: `databaseUrl` (or env DATABASE_URL), else an embedded PostgreSQL 15 in `dataDir`
// (default <project>/.local-cloud/pgdata, persists across restarts).
// Limits that differ from or pin down the cloud's behaviour:
//   - get() returns at most 100 documents per call in a cloud function (MAX_LIMIT);
//   - function timeout = config.json `timeout` seconds (cloud default 3); `functionTimeoutMs`
//     overrides it for every function (handy when debugging);
//   - aggregate() has no implicit $limit; watch(), storage and openapi calls other than
//     subscribeMessage.send are not emulated;
//   - cloud.cloudPay.* is a stand-in (./cloudpay.ts): no signatures, no money; `pay` drives it.
// Logging: pass `log`, or set LOCAL_CLOUD_LOG=1 to print to the console.
// Access (./access.ts): pages of other origins and other Host names are refused; every route but
// the H5 app's own calls needs `secret`, generated per run.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { Pool } from 'pg'
import {
  IndexCheck,
  indexCheckMode,
  loadIndexes,
  type IndexCheckMode,
  type UncoveredQuery,
} from './indexes'
import { LOCAL_CLOUD_ENV } from '../../src/domain/photos'
import { localOrigins, newSecret } from './access'
import {
  CloudPay,
  type PayCall,
  type PayScript,
  type SheetAnswer,
  type SheetOutcome,
} from './cloudpay'
import { Notifier, type DeliveryRecord } from './cloudpay-notify'
import { PayStore, type PayRefund, type PayTrade } from './cloudpay-store'
import { Faults, type FaultSettings, type FaultStats } from './faults'
import { Inbox, type InboxMessage } from './openapi'
import { CsInbox, type CsSend } from './customer-service'
import { startPostgres, type RunningPostgres } from './postgres'
import { Runner } from './runner'
import type { RoundTrips } from './round-trips'
import { createHandler } from './server'
import { atomically } from './store/atomic'
import { createCollection, findAll, insertDocuments, rowsRead } from './store/documents'
import { pushDown } from './store/query-sql'
import { ensureSchema, resetData } from './store/schema'
import { Transactions } from './store/transactions'

export {
  startPostgres,
  freePort,
  type RunningPostgres,
  type StartPostgresOptions,
} from './postgres'
export type { InboxMessage } from './openapi'
export type { PayCall, PayScript, SheetAnswer, SheetOutcome } from './cloudpay'
export type { PayRefund, PayTrade } from './cloudpay-store'
export type { DeliveryRecord } from './cloudpay-notify'
export { DEFAULT_RETRY_DELAYS_MS } from './cloudpay-notify'
export type { IndexCheckMode, UncoveredQuery } from './indexes'
export type { CloudCallError } from './errors'
export { MAX_LIMIT } from './store/documents'
export { SECRET_HEADER, localOrigins } from './access'

export interface LocalCloudUser {
  openid: string
  name: string
  role: string
}

export interface LocalCloudOptions {
  /** Folder holding <fn>/index.js + config.json (built cloud functions). */
  functionsRoot: string
  /** PostgreSQL URL; defaults to env DATABASE_URL, else an embedded server in `dataDir`. */
  databaseUrl?: string
  dataDir?: string
  /** HTTP port; 0 = random; default 9300. */
  port?: number
  envId?: string
  users?: LocalCloudUser[]
  /** Folder served for every other path (index.html fallback), e.g. dist/h5. */
  staticDir?: string
  /**
   * Origins whose pages may call the local cloud, besides its own: default the H5 dev server on
   * this machine (port env H5_PORT, else 10086).
   */
  allowedOrigins?: string[]
  /** Overrides every function's config.json timeout (ms). */
  functionTimeoutMs?: number
  log?: (line: string) => void
  /**
   * Queries no index of database/indexes.json covers: 'report' records them (uncovered()),
   * 'fail' also answers the call with an error. Default: env LOCAL_CLOUD_INDEX_CHECK, else off.
   */
  indexCheck?: IndexCheckMode
  /** Environment variables every function sees, as set in the console (e.g. order limits). */
  functionEnv?: Record<string, string>
  /** Waits between calls of an unacknowledged payment notice (default DEFAULT_RETRY_DELAYS_MS). */
  payRetryDelaysMs?: number[]
}

/** The cloud payment stand-in (./cloudpay.ts), for tests and the H5 simulated sheet. */
export interface LocalCloudPay {
  /** How the next payment's notice goes (callback…), or how refunds answer from now (refund…). */
  script(next: PayScript): void
  /** What the user did on the payment sheet; 'paid' marks the trade SUCCESS and sends the notice. */
  complete(outTradeNo: string, outcome: SheetOutcome): Promise<SheetAnswer>
  trades(): Promise<PayTrade[]>
  refunds(): Promise<PayRefund[]>
  /** Waits until no notice is waiting for its delivery or a retry. */
  drain(): Promise<void>
  /** Every cloudPay call as it arrived on the wire (this run). */
  calls(): PayCall[]
  /** Every delivery of a notice to a function, with its answer (this run). */
  deliveries(): DeliveryRecord[]
  /** The next `times` cloudPay calls get no answer (dropped connection); 0 clears. */
  failNext(times?: number): void
  /** Waits between calls of an unacknowledged notice, from now on. */
  setRetryDelays(ms: number[]): void
}

export interface LocalCloudStore {
  ensureCollection(name: string): Promise<void>
  insertMany(name: string, docs: object[]): Promise<void>
  find(name: string, query?: object): Promise<any[]> // eslint-disable-line @typescript-eslint/no-explicit-any
  count(name: string): Promise<number>
  reset(): Promise<void>
  /** Documents read from PostgreSQL into the query evaluator so far (all clouds in this process). */
  rowsRead(): number
  /** Off: every query reads the whole collection (except _id lookups), for baselines. */
  setPushDown(enabled: boolean): void
}

export interface LocalCloud {
  /** http://127.0.0.1:PORT */
  url: string
  /**
   * This run's secret: send it as the X-Local-Cloud-Secret header (SECRET_HEADER) or a `secret`
   * query parameter to reach anything but invoke, users and files over HTTP.
   */
  secret: string
  /** main's return value; rejects with {errCode, errMsg} like callFunction. */
  invoke(fn: string, event: unknown, openid?: string | null): Promise<unknown>
  /**
   * As invoke, plus the database calls the invocation made: how many, its critical path (calls
   * made together count once) and each call in order (for docs, tests and benchmarks).
   */
  invokeCounted(
    fn: string,
    event: unknown,
    openid?: string | null,
  ): Promise<{ result: unknown } & RoundTrips>
  fireTimer(fn: string): Promise<unknown>
  /** fireTimer, with the database round trips the run made. */
  fireTimerCounted(fn: string): Promise<{ result: unknown; roundTrips: number }>
  /**
   * The time functions see (src/cloud/clock.ts): `set(date)` moves their clock so it reads `date`
   * now and runs on from there; `set(null)` returns to real time. Tests of timers use it.
   */
  clock: { set(at: Date | null): void }
  inbox: {
    list(): Promise<InboxMessage[]>
    clear(): Promise<void>
    failNext(errcode: number, times?: number): void
  }
  /** customerServiceMessage.send calls (customer-service.ts); clear() also forgets reply windows. */
  csInbox: { list(): Promise<CsSend[]>; clear(): Promise<void> }
  /**
   * WeChat's 客服 message push: delivers `event` (the JSON packet) to `fn` with OPENID =
   * FromUserName and SOURCE wx_unknown, after opening that customer's reply window at CreateTime.
   */
  pushMessage(fn: string, event: unknown): Promise<unknown>
  /** pushMessage, with the database round trips the function made. */
  pushMessageCounted(fn: string, event: unknown): Promise<{ result: unknown; roundTrips: number }>
  store: LocalCloudStore
  /** Queries recorded by the index check (see LocalCloudOptions.indexCheck); GET /cloud/uncovered. */
  uncovered: { list(): UncoveredQuery[]; clear(): void }
  /** Database fault injection (faults.ts): `set({ dbFailRate, dbTimeoutRate, seed })`, `off()`. */
  faults: { set(settings: FaultSettings): void; off(): void; stats(): FaultStats }
  pay: LocalCloudPay
  stop(): Promise<void>
}

export const PROJECT_ROOT = resolve(__dirname, '..', '..')
export const DEFAULT_DATA_DIR = join(PROJECT_ROOT, '.local-cloud', 'pgdata')
export const DEFAULT_PORT = 9300
const APP_ID = 'wx00000000localcld'

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const log =
    options.log ??
    (process.env.LOCAL_CLOUD_LOG
      ? (line: string) => console.log(`[local-cloud] ${line}`)
      : () => undefined)
  // The photo rule accepts the local file stand-in's ids only in this environment.
  const envId = options.envId ?? LOCAL_CLOUD_ENV
  let postgres: RunningPostgres | undefined
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL
  let url = databaseUrl
  if (!url) {
    postgres = await startPostgres({ dataDir: options.dataDir ?? DEFAULT_DATA_DIR, log })
    url = postgres.url
  }
  const pool = new Pool({ connectionString: url, max: 20 })
  const txPool = new Pool({ connectionString: url, max: 30 })
  const swallow = (error: Error) => log(`postgres connection error: ${error.message}`)
  pool.on('error', swallow)
  txPool.on('error', swallow)
  const cleanup = async () => {
    await Promise.allSettled([pool.end(), txPool.end()])
    await postgres?.stop()
  }
  let server: Server | undefined
  try {
    const indexes = loadIndexes()
    await ensureSchema(pool, indexes)
    const indexCheck = new IndexCheck(options.indexCheck ?? indexCheckMode(), indexes)
    const transactions = new Transactions(txPool, log)
    const inbox = new Inbox(pool)
    const csInbox = new CsInbox(pool)
    const faults = new Faults()
    const runnerRef: { current?: Runner } = {}
    server = createServer()
    const port = await new Promise<number>((resolvePort, reject) => {
      server!.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE'
            ? new Error(
                `端口 ${options.port ?? DEFAULT_PORT} 已被占用，请停止占用者或设置 LOCAL_CLOUD_PORT。 / Port in use.`,
              )
            : error,
        ),
      )
      server!.listen(options.port ?? DEFAULT_PORT, '127.0.0.1', () =>
        resolvePort((server!.address() as AddressInfo).port),
      )
    })
    const base = `http://127.0.0.1:${port}`
    const secret = newSecret()
    const allowedOrigins = new Set([
      ...localOrigins(port),
      ...(options.allowedOrigins ?? localOrigins(Number(process.env.H5_PORT ?? 10086))),
    ])
    const clock = { offsetMs: 0 }
    const runner = new Runner({
      functionsRoot: resolve(options.functionsRoot),
      adminUrl: `${base}/admin`,
      envId,
      appId: APP_ID,
      timeoutOverrideMs: options.functionTimeoutMs,
      clockOffsetMs: () => clock.offsetMs,
      functionEnv: options.functionEnv,
      secret,
      log,
    })
    runnerRef.current = runner
    const payStore = new PayStore(pool)
    const notifier: Notifier = new Notifier(
      async (fn, event) =>
        (await runner.invoke(fn, event, { openid: null, source: 'wx_paycallback' })).result,
      (notice) => pay.noticeDone(notice),
      log,
    )
    if (options.payRetryDelaysMs) notifier.retryDelaysMs = options.payRetryDelaysMs
    const pay: CloudPay = new CloudPay(payStore, notifier, () => Date.now() + clock.offsetMs)
    server.on(
      'request',
      createHandler({
        pool,
        transactions,
        log,
        runner,
        inbox,
        csInbox,
        pushMessage: (fn, event) => pushMessage(fn, event),
        pay,
        appId: APP_ID,
        indexCheck,
        clock,
        users: options.users ?? [],
        staticDir: options.staticDir,
        faults,
        secret,
        allowedOrigins,
      }),
    )
    const pushMessageCounted = async (fn: string, event: unknown) => {
      const { FromUserName: from, CreateTime: seconds } = (event ?? {}) as Record<string, unknown>
      const openid = typeof from === 'string' && from !== '' ? from : null
      if (openid && typeof seconds === 'number' && Number.isFinite(seconds))
        await csInbox.customerWrote(openid, new Date(seconds * 1000))
      const { result, roundTrips } = await runner.invoke(fn, event, {
        openid,
        source: 'wx_unknown',
      })
      return { result, roundTrips }
    }
    const pushMessage = async (fn: string, event: unknown): Promise<unknown> =>
      (await pushMessageCounted(fn, event)).result
    server.keepAliveTimeout = 5_000
    log(
      `listening on ${base} (database ${databaseUrl ? 'DATABASE_URL' : `embedded, ${options.dataDir ?? DEFAULT_DATA_DIR}`})`,
    )

    // Notices not acknowledged before the last stop go out again, as WeChat keeps retrying.
    await pay.resume()

    let stopping: Promise<void> | undefined
    const stop = () =>
      (stopping ??= (async () => {
        notifier.stop()
        await notifier.drain()
        await runner.stop()
        await new Promise<void>((resolveClose) => {
          server!.close(() => resolveClose())
          server!.closeAllConnections()
        })
        await transactions.closeAll()
        await cleanup()
      })())

    return {
      url: base,
      secret,
      invoke: async (fn, event, openid = null) =>
        (await runner.invoke(fn, event, { openid, source: 'wx_client' })).result,
      invokeCounted: async (fn, event, openid = null) => {
        const { result, roundTrips, criticalPath, calls } = await runner.invoke(fn, event, {
          openid,
          source: 'wx_client',
        })
        return { result, roundTrips, criticalPath, calls }
      },
      fireTimer: async (fn) => (await runner.fireTimer(fn)).result,
      fireTimerCounted: async (fn) => {
        const { result, roundTrips } = await runner.fireTimer(fn)
        return { result, roundTrips }
      },
      clock: {
        set(at) {
          clock.offsetMs = at === null ? 0 : at.getTime() - Date.now()
        },
      },
      inbox: {
        list: () => inbox.list(),
        clear: () => inbox.clear(),
        failNext: (errcode, times = 1) => inbox.failNext(errcode, times),
      },
      csInbox: { list: () => csInbox.list(), clear: () => csInbox.clear() },
      pushMessage,
      pushMessageCounted,
      store: {
        async ensureCollection(name) {
          await createCollection(pool, name)
        },
        async insertMany(name, docs) {
          await atomically(pool, async (db) => {
            await createCollection(db, name)
            await insertDocuments(db, name, docs as Record<string, unknown>[])
          })
        },
        find: (name, query = {}) => findAll(pool, name, query),
        count: async (name) => (await findAll(pool, name, {})).length,
        rowsRead: () => rowsRead.count,
        setPushDown(enabled) {
          pushDown.enabled = enabled
        },
        async reset() {
          await transactions.closeAll()
          await resetData(pool)
        },
      },
      uncovered: { list: () => indexCheck.list(), clear: () => indexCheck.clear() },
      faults: {
        set: (settings) => faults.set(settings),
        off: () => faults.off(),
        stats: () => ({ ...faults.stats }),
      },
      pay: {
        script: (next) => pay.script(next),
        complete: (outTradeNo, outcome) => pay.complete(outTradeNo, outcome),
        trades: () => pay.trades(),
        refunds: () => pay.refunds(),
        drain: () => notifier.drain(),
        calls: () => [...pay.calls],
        deliveries: () => [...notifier.log],
        failNext: (times = 1) => pay.failNext(times),
        setRetryDelays(ms) {
          notifier.retryDelaysMs = [...ms]
        },
      },
      stop,
    }
  } catch (error) {
    server?.close()
    await cleanup()
    throw error
  }
}
