// Runs cloud functions (functionsRoot/<fn>/index.js, CommonJS, exports.main) in worker threads.
// Each function has a small pool of warm workers (grown on demand up to `maxWorkers`), each
// running one invocation at a time like a cloud instance. The timeout is the function's
// config.json `timeout` in seconds (cloud default 3), unless `timeoutOverrideMs` is set. A worker
// that times out or crashes is terminated and replaced; the caller gets errCode -404011.
// Errors name the function, never a path or a stack: those go to the log (the HTTP caller may be
// anyone on the machine).
import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { ERR, callError, type CloudCallError } from './errors'
import { RoundTripCounter, type RoundTrips } from './round-trips'

export interface FunctionConfig {
  timeout?: number
  permissions?: { openapi?: string[] }
  triggers?: { name: string; type: string; config: string }[]
}

export interface RunnerOptions {
  functionsRoot: string
  /** The /admin URL the SDK is pointed at (TCB_CONTEXT_CNFG.URL). */
  adminUrl: string
  envId: string
  appId: string
  timeoutOverrideMs?: number
  maxWorkers?: number
  /** Milliseconds added to the real clock inside functions (src/cloud/clock.ts); 0 = real time. */
  clockOffsetMs?: () => number
  /** The functions' environment variables (what the console sets per function in the cloud). */
  functionEnv?: Record<string, string>
  /** The local cloud's per-run secret, handed to the SDK inside TCB_SESSIONTOKEN for /admin. */
  secret: string
  log: (line: string) => void
}

export interface Invocation {
  openid?: string | null
  /** wx_paycallback: cloud payment's notices (cloudpay-notify.ts), SOURCE as documented. */
  /** wx_unknown: WeChat's 客服 message push (customer-service.ts; the real SOURCE is undocumented). */
  source: 'wx_client' | 'wx_trigger' | 'wx_paycallback' | 'wx_unknown'
}

interface Slot {
  worker: Worker
  busy: boolean
}

interface FunctionPool {
  entry: string
  mtimeMs: number
  slots: Slot[]
  waiting: Array<(slot: Slot) => void>
}

const DEFAULT_TIMEOUT_S = 3
/**
 * Deepest event accepted. Far above any real event (and the fuzzer's 200), far below what breaks
 * the structured clone of the hand-off to a worker (~10,000).
 */
export const MAX_EVENT_DEPTH = 1000
const LOAD_TIMEOUT_MS = 30_000
const WORKER_FILE = join(__dirname, 'worker.js')

export class Runner {
  private readonly pools = new Map<string, FunctionPool>()
  private stopped = false
  /** requestId -> function name, so /admin calls can be attributed (see TCB_SESSIONTOKEN). */
  readonly active = new Map<string, string>()
  /** requestId -> the user whose call it serves (cloud payment takes the payer from it). */
  readonly openids = new Map<string, string | null>()
  /** Database calls made so far by each invocation, by requestId (counted by the server). */
  readonly roundTrips = new RoundTripCounter()

  constructor(private readonly options: RunnerOptions) {}

  config(fn: string): FunctionConfig {
    const file = join(this.options.functionsRoot, fn, 'config.json')
    if (!existsSync(file)) return {}
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as FunctionConfig
    } catch (error) {
      throw callError(
        ERR.INVALID_PARAM,
        `函数 ${fn} 的 config.json 不是合法 JSON：${(error as Error).message}`,
      )
    }
  }

  private entry(fn: string): string {
    if (!/^[A-Za-z0-9_-]{1,60}$/.test(fn))
      throw callError(ERR.FUNCTION_NOT_FOUND, `函数名不合法：${fn}`)
    const dir = join(this.options.functionsRoot, fn)
    if (!existsSync(dir)) {
      this.options.log(`function ${fn} not found: no folder ${dir}`)
      throw callError(ERR.FUNCTION_NOT_FOUND, `函数 ${fn} 不存在 / function ${fn} not found`)
    }
    const entry = join(dir, 'index.js')
    if (!existsSync(entry)) {
      throw callError(
        ERR.FUNCTION_NOT_FOUND,
        `函数 ${fn} 未构建：请先运行 npm run build:cloud / function ${fn} is not built`,
      )
    }
    return entry
  }

  /** Resolves with main's return value (JSON round-tripped); rejects with {errCode, errMsg}. */
  async invoke(
    fn: string,
    event: unknown,
    who: Invocation,
  ): Promise<{ result: unknown; requestID: string } & RoundTrips> {
    if (this.stopped) throw callError(ERR.SYS_ERR, 'local cloud is stopped')
    const entry = this.entry(fn)
    if (depthExceeds(event, MAX_EVENT_DEPTH))
      throw callError(
        ERR.INVALID_PARAM,
        `event nested deeper than ${MAX_EVENT_DEPTH} levels / 事件嵌套超过 ${MAX_EVENT_DEPTH} 层`,
      )
    const config = this.config(fn)
    const timeoutMs = this.options.timeoutOverrideMs ?? (config.timeout ?? DEFAULT_TIMEOUT_S) * 1000
    const requestID = randomUUID()
    const env = this.identityEnv(fn, requestID, who)
    const context = {
      callbackWaitsForEmptyEventLoop: false,
      memory_limit_in_mb: 256,
      time_limit_in_ms: timeoutMs,
      request_id: requestID,
      environment: JSON.stringify({
        ...env,
        TCB_ENV: this.options.envId,
        SCF_NAMESPACE: this.options.envId,
      }),
      environ: Object.entries(env)
        .map(([key, value]) => `${key}=${value}`)
        .join(';'),
      function_version: '$LATEST',
      function_name: fn,
      namespace: this.options.envId,
      tencentcloud_region: 'ap-shanghai',
      tencentcloud_appid: '1250000000',
      tencentcloud_uin: '100000000001',
    }
    const pool = this.pool(fn, entry)
    const slot = await this.acquire(pool)
    this.active.set(requestID, fn)
    this.openids.set(requestID, who.openid ?? null)
    this.roundTrips.open(requestID)
    const started = Date.now()
    try {
      const result = await this.run(
        slot,
        pool,
        { type: 'invoke', id: requestID, event, context, env },
        timeoutMs,
      )
      this.options.log(`invoke ${fn} ${who.openid ?? '(anonymous)'} ok ${Date.now() - started} ms`)
      return { result, requestID, ...this.roundTrips.close(requestID) }
    } catch (error) {
      this.options.log(
        `invoke ${fn} ${who.openid ?? '(anonymous)'} failed: ${(error as CloudCallError).errMsg ?? error}`,
      )
      throw error
    } finally {
      this.active.delete(requestID)
      this.openids.delete(requestID)
      this.roundTrips.close(requestID)
    }
  }

  /** A message without this machine's folders in it (e.g. "Cannot find module '/home/…'"). */
  private redact(message: string): string {
    return message
      .split(this.options.functionsRoot)
      .join('<functions>')
      .split(process.cwd())
      .join('<project>')
  }

  private identityEnv(fn: string, requestID: string, who: Invocation): Record<string, string> {
    const env: Record<string, string> = {
      WX_APPID: this.options.appId,
      TCB_SOURCE: who.source,
      // Forwarded by the SDK as `tcb_sessionToken` on every /admin call: tells the server which
      // function (and invocation) is calling, for openapi permissions and the inbox.
      TCB_CONTEXT_KEYS: 'TCB_SESSIONTOKEN',
      // It also carries the per-run secret: /admin accepts no call without it.
      TCB_SESSIONTOKEN: `local:${fn}:${requestID}:${this.options.secret}`,
    }
    if (who.openid) env.WX_OPENID = who.openid
    const offset = this.options.clockOffsetMs?.() ?? 0
    if (offset !== 0) env.LOCAL_CLOUD_CLOCK_OFFSET_MS = String(offset)
    if (who.source === 'wx_client') env.WX_CLIENTIP = '127.0.0.1'
    env.WX_CONTEXT_KEYS = Object.keys(env)
      .filter((key) => key.startsWith('WX_'))
      .join(',')
    return env
  }

  private pool(fn: string, entry: string): FunctionPool {
    const mtimeMs = statSync(entry).mtimeMs
    let pool = this.pools.get(fn)
    if (pool && pool.mtimeMs !== mtimeMs) {
      // Rebuilt since the workers loaded it: retire the idle ones, let busy ones finish.
      for (const slot of pool.slots.filter((s) => !s.busy)) void slot.worker.terminate()
      pool.slots = pool.slots.filter((s) => s.busy)
      pool.mtimeMs = mtimeMs
    }
    if (!pool) {
      pool = { entry, mtimeMs, slots: [], waiting: [] }
      this.pools.set(fn, pool)
    }
    return pool
  }

  private acquire(pool: FunctionPool): Promise<Slot> {
    const idle = pool.slots.find((slot) => !slot.busy)
    if (idle) {
      idle.busy = true
      return Promise.resolve(idle)
    }
    if (pool.slots.length < (this.options.maxWorkers ?? 8)) {
      const slot = { worker: this.spawn(pool.entry), busy: true }
      pool.slots.push(slot)
      return Promise.resolve(slot)
    }
    return new Promise((resolve) => pool.waiting.push(resolve))
  }

  private releaseSlot(pool: FunctionPool, slot: Slot, healthy: boolean): void {
    if (!healthy) {
      void slot.worker.terminate()
      pool.slots = pool.slots.filter((s) => s !== slot)
      const next = pool.waiting.shift()
      if (next) {
        const fresh = { worker: this.spawn(pool.entry), busy: true }
        pool.slots.push(fresh)
        next(fresh)
      }
      return
    }
    const next = pool.waiting.shift()
    if (next) next(slot)
    else slot.busy = false
  }

  private spawn(entry: string): Worker {
    const worker = new Worker(WORKER_FILE, {
      workerData: { entry },
      env: {
        ...process.env,
        ...this.options.functionEnv,
        TCB_CONTEXT_CNFG: JSON.stringify({ URL: this.options.adminUrl }),
        TENCENTCLOUD_SECRETID: 'local-cloud-secret-id',
        TENCENTCLOUD_SECRETKEY: 'local-cloud-secret-key',
        TCB_ENV: this.options.envId,
        SCF_NAMESPACE: this.options.envId,
        // Without this the SDK probes the cloud metadata host (30 ms) on every call.
        TENCENTCLOUD: 'true',
        SILENCE: 'true',
      },
      resourceLimits: { maxOldGenerationSizeMb: 256 },
    })
    worker.unref()
    return worker
  }

  private run(
    slot: Slot,
    pool: FunctionPool,
    message: { id: string; context: { function_name: string } } & Record<string, unknown>,
    timeoutMs: number,
  ): Promise<unknown> {
    const fn = message.context.function_name
    return new Promise((resolve, reject) => {
      const { worker } = slot
      let timer = setTimeout(
        () => fail(`Invoking task timed out after ${LOAD_TIMEOUT_MS / 1000} seconds (loading)`),
        LOAD_TIMEOUT_MS,
      )
      const cleanup = () => {
        clearTimeout(timer)
        worker.off('message', onMessage)
        worker.off('error', onError)
        worker.off('exit', onExit)
      }
      const fail = (detail: string) => {
        cleanup()
        this.releaseSlot(pool, slot, false)
        reject(
          callError(
            ERR.FUNCTION_FAILED,
            `cloud function execution error | errMsg: ${detail} (function ${fn})`,
          ),
        )
      }
      const onMessage = (reply: {
        type: string
        id: string
        ok?: boolean
        json?: string
        error?: { message: string; stack?: string }
      }) => {
        if (reply.id !== message.id) return
        if (reply.type === 'running') {
          clearTimeout(timer)
          timer = setTimeout(
            () => fail(`Invoking task timed out after ${timeoutMs / 1000} seconds`),
            timeoutMs,
          )
          return
        }
        cleanup()
        this.releaseSlot(pool, slot, true)
        if (reply.ok) resolve(JSON.parse(reply.json ?? 'null'))
        else {
          const error = reply.error ?? { message: 'unknown error' }
          if (error.stack) this.options.log(`${fn} threw: ${error.stack}`)
          reject(
            callError(
              ERR.FUNCTION_FAILED,
              `cloud function execution error | errMsg: ${this.redact(error.message)}`,
            ),
          )
        }
      }
      const onError = (error: Error) => {
        this.options.log(`${fn} instance crashed: ${error.stack ?? error.message}`)
        fail(`instance crashed: ${this.redact(error.message)}`)
      }
      const onExit = (code: number) => fail(`instance exited with code ${code}`)
      worker.on('message', onMessage)
      worker.on('error', onError)
      worker.on('exit', onExit)
      try {
        worker.postMessage(message)
      } catch (error) {
        // The event could not be cloned (too deep, a function, ...): the worker never saw it, so
        // it is free again now rather than when the loading timer fires.
        cleanup()
        this.releaseSlot(pool, slot, true)
        reject(
          callError(
            ERR.INVALID_PARAM,
            `the event cannot be passed to function ${fn}: ${(error as Error).message}`,
          ),
        )
      }
    })
  }

  async fireTimer(fn: string): Promise<{ result: unknown; requestID: string } & RoundTrips> {
    this.entry(fn)
    const trigger = (this.config(fn).triggers ?? []).find((t) => t.type === 'timer')
    if (!trigger)
      throw callError(
        ERR.FUNCTION_NOT_FOUND,
        `函数 ${fn} 的 config.json 没有定时触发器（triggers type timer）`,
      )
    const event = {
      Type: 'Timer',
      TriggerName: trigger.name,
      Time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Message: '',
    }
    return this.invoke(fn, event, { openid: null, source: 'wx_trigger' })
  }

  async stop(): Promise<void> {
    this.stopped = true
    const all = [...this.pools.values()].flatMap((pool) => pool.slots)
    this.pools.clear()
    await Promise.all(all.map((slot) => slot.worker.terminate()))
  }
}

/** Whether objects/arrays nest deeper than `limit` in `value` (iterative: deep input is the point). */
export function depthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]]
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!
    if (typeof item !== 'object' || item === null) continue
    if (depth >= limit) return true
    for (const child of Object.values(item)) stack.push([child, depth + 1])
  }
  return false
}
