// The local cloud's HTTP surface (node:http, no framework); see docs/architecture.md.
//   POST /admin                 wx-server-sdk wire protocol (database.* JSON, wx.openApi and
//                               wx.wxPayApi multipart)
//   POST /cloud/invoke/:fn      body = event, header X-Local-Openid = caller -> {result, requestID}
//   GET  /cloud/users           demo identities
//   POST /cloud/timer/:fn       fire the function's timer trigger
//   GET|DELETE /cloud/inbox     subscribe messages sent;  POST /cloud/inbox/fail {errcode, times}
//   GET|DELETE /cloud/cs-inbox  客服 messages sent;  POST /cloud/push/:fn  a customer's 客服 message
//   POST /cloud/clock           {now: ISO | null} sets the time functions see (null = real time)
//   POST /cloud/faults          {dbFailRate, dbTimeoutRate, seed?} injects database faults (0, 0 = off)
//   POST /cloud/pay             {outTradeNo, outcome} the H5 simulated payment sheet (./cloudpay.ts)
//   GET  /cloud/pay             the payment stand-in's trades and refunds
//   GET  /cloud/uncovered       queries no index covers (LocalCloudOptions.indexCheck)
//   POST /cloud/files[?dir=], GET /cloud/files/[<dir>/]<name>   local photo storage (./files.ts)
//   anything else               static files from `staticDir` (index.html fallback), or 404
// Every request: Host must be this machine, an Origin must be the H5 app's; all but invoke, pay,
// users and files need the per-run secret; JSON bodies must be application/json (./access.ts).
import { randomUUID } from 'node:crypto'
import { createReadStream, existsSync, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { isJson, isLocalHost, parseSessionToken, presentsSecret } from './access'
import { handleDatabase, type DatabaseDeps } from './database-protocol'
import { AdminError, ERR, isCloudCallError } from './errors'
import { MAX_FILE_BYTES, readFile, saveFile } from './files'
import type { CloudPay, SheetOutcome } from './cloudpay'
import { decodeApiOptions } from './cloudpay-wire'
import type { Faults } from './faults'
import { encodeOpenApiResponse, handleOpenApi, parseMultipart, type Inbox } from './openapi'
import type { CsInbox } from './customer-service'
import type { Runner } from './runner'
import { STEP_HEADER } from './round-trips'

export interface ServerDeps extends DatabaseDeps {
  runner: Runner
  inbox: Inbox
  /** customerServiceMessage.send records and the customers' reply windows. */
  csInbox: CsInbox
  /** Delivers a 客服 message push to a function as WeChat would (LocalCloud.pushMessage). */
  pushMessage: (fn: string, event: unknown) => Promise<unknown>
  pay: CloudPay
  appId: string
  /** Offset the functions' clock runs at (see LocalCloud.clock). */
  clock: { offsetMs: number }
  users: { openid: string; name: string; role: string }[]
  staticDir?: string
  /** Injected database faults (faults.ts); off unless a test turns them on. */
  faults?: Faults
  /** The per-run secret (LocalCloud.secret). */
  secret: string
  /** Origins whose pages may call (the H5 dev server's and the local cloud's own). */
  allowedOrigins: ReadonlySet<string>
}

const MAX_BODY = 10 * 1024 * 1024

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY) {
        reject(new Error(`request body larger than ${MAX_BODY} bytes`))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolveBody(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** Only for an allowed origin: no other page may read an answer. */
function cors(res: ServerResponse, origin: string): void {
  res.setHeader('Access-Control-Allow-Origin', origin)
  res.setHeader('Vary', 'Origin')
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS')
  res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Local-Openid')
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  })
  res.end(text)
}

function cloudError(res: ServerResponse, status: number, errCode: number, errMsg: string): void {
  sendJson(res, status, { errCode, errMsg })
}

export function createHandler(
  deps: ServerDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(req, res, deps).catch((error: unknown) => {
      deps.log(
        `unexpected error on ${req.method} ${req.url}: ${(error as Error)?.stack ?? String(error)}`,
      )
      cloudError(res, 500, ERR.SYS_ERR, 'local cloud internal error (details in its log)')
    })
  }
}

async function handle(req: IncomingMessage, res: ServerResponse, deps: ServerDeps): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const path = url.pathname
  // DNS rebinding: a page of evil.example re-pointed at 127.0.0.1 still sends its own Host.
  if (!isLocalHost(req.headers.host))
    return cloudError(res, 403, ERR.INVALID_PARAM, 'Host must be 127.0.0.1, localhost or [::1]')
  const origin = req.headers.origin
  // Browsers send Origin on every cross-origin request: any page but the H5 app stops here.
  if (origin !== undefined && !deps.allowedOrigins.has(origin))
    return cloudError(res, 403, ERR.INVALID_PARAM, 'this origin may not call the local cloud')
  const trusted = presentsSecret(req, url, deps.secret)
  if (path === '/admin') return admin(req, res, deps, trusted)
  if (path.startsWith('/cloud/')) {
    if (origin !== undefined) cors(res, origin)
    if (req.method === 'OPTIONS') {
      res.writeHead(204)
      res.end()
      return
    }
    if (!trusted && !isAppCall(req.method ?? 'GET', path))
      return cloudError(res, 401, ERR.INVALID_PARAM, 'this route needs the local cloud secret')
    if (req.method === 'POST' && !path.startsWith('/cloud/files') && !isJson(req))
      return cloudError(res, 415, ERR.INVALID_PARAM, 'Content-Type must be application/json')
    return cloudRoute(req, res, deps, path, trusted)
  }
  return serveStatic(req, res, deps, path)
}

/** The H5 app's own calls, open without the secret (the app runs in a browser and has none). */
function isAppCall(method: string, path: string): boolean {
  if (method === 'POST' && /^\/cloud\/invoke\/[^/]+$/.test(path)) return true
  // The simulated payment sheet: what the user did, as WeChat's own sheet would report it.
  if (method === 'POST' && path === '/cloud/pay') return true
  if (method === 'GET' && path === '/cloud/users') return true
  return path === '/cloud/files' || path.startsWith('/cloud/files/')
}

// ---- /admin -------------------------------------------------------------------------------

function callerOf(token: unknown, deps: ServerDeps): { fn?: string; permissions?: string[] } {
  const fn = parseSessionToken(token, deps.secret)?.fn
  if (fn === undefined) return {}
  try {
    return { fn, permissions: deps.runner.config(fn).permissions?.openapi ?? [] }
  } catch {
    return { fn }
  }
}

/**
 * Attributes a database call to the invocation that made it (see Runner.roundTrips), in flight
 * until its answer is sent or its socket dropped.
 */
function countRoundTrip(token: unknown, body: object, res: ServerResponse, deps: ServerDeps): void {
  const { action, collectionName } = body as { action?: unknown; collectionName?: unknown }
  const label = [action, collectionName].filter((part) => typeof part === 'string').join(' ')
  const requestID = parseSessionToken(token, deps.secret)?.requestID
  const step = Number(res.req.headers[STEP_HEADER])
  const stamped = Number.isInteger(step) && step > 0 ? step : undefined
  res.once('close', deps.runner.roundTrips.begin(requestID, label, stamped))
}

async function admin(
  req: IncomingMessage,
  res: ServerResponse,
  deps: ServerDeps,
  trusted: boolean,
): Promise<void> {
  const requestId = randomUUID()
  const fail = (code: string, message: string, status = 200) =>
    sendJson(res, status, { requestId, code, message })
  // The SDK in a function proves itself with the secret in its session token.
  const refuse = () => fail('PERMISSION_DENIED', '/admin needs the local cloud secret', 403)
  if (req.method !== 'POST') return fail('INVALID_PARAM', 'POST only')
  const type = String(req.headers['content-type'] ?? '')
  if (!isJson(req) && !type.startsWith('multipart/form-data'))
    return fail('INVALID_PARAM', 'Content-Type must be application/json or multipart', 415)
  let raw: Buffer
  try {
    raw = await readBody(req)
  } catch (error) {
    return fail('INVALID_PARAM', (error as Error).message)
  }
  if (type.startsWith('multipart/form-data')) {
    let request
    try {
      request = await parseMultipart(req.headers, raw)
    } catch (error) {
      return fail('INVALID_PARAM', `bad multipart body: ${(error as Error).message}`)
    }
    if (!trusted && !parseSessionToken(request.fields.tcb_sessionToken, deps.secret))
      return refuse()
    if (request.action === 'wx.wxPayApi') return payApi(req, res, deps, request, fail)
    if (request.action !== 'wx.openApi')
      return fail('INVALID_ACTION', `unknown multipart action ${request.action || '(none)'}`)
    let answer
    try {
      answer = await handleOpenApi(
        request,
        deps.inbox,
        callerOf(request.fields.tcb_sessionToken, deps),
        { inbox: deps.csInbox, now: () => new Date(Date.now() + deps.clock.offsetMs) },
      )
    } catch (error) {
      return fail('INVALID_PARAM', `bad requestData: ${(error as Error).message}`)
    }
    const buffer = encodeOpenApiResponse(answer.json, answer.errorCode)
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': buffer.length,
    })
    res.end(buffer)
    return
  }
  let body: unknown
  try {
    body = JSON.parse(raw.toString('utf8'))
  } catch {
    return fail('INVALID_PARAM', 'request body is not valid JSON')
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return fail('INVALID_PARAM', 'request body must be a JSON object')
  const token = (body as { tcb_sessionToken?: unknown }).tcb_sessionToken
  if (!trusted && !parseSessionToken(token, deps.secret)) return refuse()
  const action = (body as { action?: unknown }).action
  if (typeof action !== 'string') return fail('INVALID_PARAM', 'action is required')
  countRoundTrip(token, body, res, deps)
  const fault = deps.faults?.decide() ?? null
  if (fault === 'fail') {
    // The real service drops a transaction whose call failed.
    const transactionId = (body as { transactionId?: unknown }).transactionId
    if (typeof transactionId === 'string')
      await deps.transactions.abort(transactionId).catch(() => undefined)
    return fail('DATABASE_REQUEST_FAILED', `${action} failed: injected fault`)
  }
  try {
    const caller = callerOf(token, deps).fn
    const data = await handleDatabase(action, body as Record<string, unknown>, { ...deps, caller })
    // Done, but the answer is lost on the way back.
    if (fault === 'timeout') return void req.socket.destroy()
    const reply: Record<string, unknown> = { requestId, data }
    // @cloudbase/database reads the transaction id at the top level of the answer.
    if (action === 'database.startTransaction') reply.transactionId = data.transactionId
    sendJson(res, 200, reply)
  } catch (error) {
    if (error instanceof AdminError) return fail(error.code, error.message)
    deps.log(`/admin ${action} failed: ${(error as Error)?.stack ?? String(error)}`)
    return fail(
      'DATABASE_REQUEST_FAILED',
      `${action} failed: ${(error as Error)?.message ?? String(error)}`,
    )
  }
}

async function payApi(
  req: IncomingMessage,
  res: ServerResponse,
  deps: ServerDeps,
  request: Awaited<ReturnType<typeof parseMultipart>>,
  fail: (code: string, message: string) => void,
): Promise<void> {
  let data: Record<string, unknown>
  try {
    data = JSON.parse(request.requestData.toString('utf8')) as Record<string, unknown>
  } catch {
    return fail('INVALID_PARAM', 'requestData is not JSON')
  }
  const session = parseSessionToken(request.fields.tcb_sessionToken, deps.secret)
  const appid = decodeApiOptions(Buffer.from(request.fields.apiOptions ?? '', 'utf8'))
  deps.pay.calls.push({ apiName: request.apiName, appid, requestData: data, fn: session?.fn })
  // Injected: the call gets no answer, as when the connection drops.
  if (deps.pay.takeNetworkFailure()) return void req.socket.destroy()
  const caller = {
    fn: session?.fn,
    openid: session ? deps.runner.openids.get(session.requestID) : null,
    appId: appid || deps.appId,
  }
  // Not application/json: the SDK would take the answer for a {code, message} platform error.
  const buffer = Buffer.from(JSON.stringify(await deps.pay.handle(request.apiName, data, caller)))
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-length': buffer.length,
  })
  res.end(buffer)
}

// ---- /cloud/* -----------------------------------------------------------------------------

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const raw = await readBody(req)
  if (raw.length === 0) return {}
  return JSON.parse(raw.toString('utf8'))
}

async function cloudRoute(
  req: IncomingMessage,
  res: ServerResponse,
  deps: ServerDeps,
  path: string,
  trusted: boolean,
): Promise<void> {
  const method = req.method ?? 'GET'
  const invokeMatch = /^\/cloud\/(invoke|timer)\/([^/]+)$/.exec(path)
  try {
    if (invokeMatch && method === 'POST') {
      const fn = decodeURIComponent(invokeMatch[2])
      if (invokeMatch[1] === 'timer') {
        await readBody(req)
        return sendJson(res, 200, await deps.runner.fireTimer(fn))
      }
      let event: unknown
      try {
        event = await jsonBody(req)
      } catch {
        return cloudError(
          res,
          400,
          ERR.INVALID_PARAM,
          'cloud.callFunction:fail request body (the event) is not valid JSON',
        )
      }
      const header = req.headers['x-local-openid']
      const openid = typeof header === 'string' && header.trim() ? header.trim() : null
      const { result, requestID, roundTrips, criticalPath } = await deps.runner.invoke(fn, event, {
        openid,
        source: 'wx_client',
      })
      // How many database calls a call made tells someone else's order from a missing one.
      return sendJson(
        res,
        200,
        trusted ? { result, requestID, roundTrips, criticalPath } : { result, requestID },
      )
    }
    if (path.startsWith('/cloud/files')) return files(req, res, path)
    if (path === '/cloud/pay') return payRoute(req, res, deps, trusted)
    if (path === '/cloud/users' && method === 'GET') return sendJson(res, 200, deps.users)
    if (path === '/cloud/uncovered' && method === 'GET')
      return sendJson(res, 200, deps.indexCheck?.list() ?? [])
    if (path === '/cloud/inbox' && method === 'GET')
      return sendJson(res, 200, await deps.inbox.list())
    if (path === '/cloud/inbox' && method === 'DELETE') {
      await deps.inbox.clear()
      return sendJson(res, 200, { ok: true })
    }
    if (path === '/cloud/cs-inbox' && method === 'GET')
      return sendJson(res, 200, await deps.csInbox.list())
    if (path === '/cloud/cs-inbox' && method === 'DELETE') {
      await deps.csInbox.clear()
      return sendJson(res, 200, { ok: true })
    }
    if (path.startsWith('/cloud/push/') && method === 'POST') {
      let event: unknown
      try {
        event = await jsonBody(req)
      } catch {
        return cloudError(res, 400, ERR.INVALID_PARAM, 'body must be the JSON push packet')
      }
      const result = await deps.pushMessage(
        decodeURIComponent(path.slice('/cloud/push/'.length)),
        event,
      )
      return sendJson(res, 200, { result })
    }
    if (path === '/cloud/clock' && method === 'POST') {
      let body: { now?: unknown }
      try {
        body = (await jsonBody(req)) as typeof body
      } catch {
        return cloudError(res, 400, ERR.INVALID_PARAM, 'body must be JSON {now: ISO time | null}')
      }
      const at = typeof body?.now === 'string' ? new Date(body.now) : null
      if (body?.now !== null && (at === null || Number.isNaN(at.getTime())))
        return cloudError(res, 400, ERR.INVALID_PARAM, 'now must be an ISO time or null')
      deps.clock.offsetMs = at ? at.getTime() - Date.now() : 0
      return sendJson(res, 200, { now: new Date(Date.now() + deps.clock.offsetMs).toISOString() })
    }
    if (path === '/cloud/faults' && method === 'POST') {
      try {
        const body = (await jsonBody(req)) as { dbFailRate?: number; dbTimeoutRate?: number }
        deps.faults?.set({ dbFailRate: 0, dbTimeoutRate: 0, ...body })
      } catch (error) {
        return cloudError(res, 400, ERR.INVALID_PARAM, (error as Error).message)
      }
      return sendJson(res, 200, { ok: true })
    }
    if (path === '/cloud/inbox/fail' && method === 'POST') {
      let body: { errcode?: unknown; times?: unknown }
      try {
        body = (await jsonBody(req)) as typeof body
      } catch {
        return cloudError(res, 400, ERR.INVALID_PARAM, 'body must be JSON {errcode, times}')
      }
      const errcode = body?.errcode
      const times = body?.times ?? 1
      if (
        typeof errcode !== 'number' ||
        !Number.isInteger(errcode) ||
        typeof times !== 'number' ||
        !Number.isInteger(times) ||
        times < 0
      ) {
        return cloudError(
          res,
          400,
          ERR.INVALID_PARAM,
          'body must be {errcode: integer, times?: integer >= 0}',
        )
      }
      deps.inbox.failNext(errcode, times)
      return sendJson(res, 200, { ok: true, errcode, times })
    }
    return cloudError(res, 404, ERR.FUNCTION_NOT_FOUND, `no route ${method} ${path}`)
  } catch (error) {
    if (isCloudCallError(error)) {
      return cloudError(
        res,
        error.errCode === ERR.FUNCTION_NOT_FOUND
          ? 404
          : error.errCode === ERR.INVALID_PARAM
            ? 400
            : 500,
        error.errCode,
        error.errMsg,
      )
    }
    throw error
  }
}

async function payRoute(
  req: IncomingMessage,
  res: ServerResponse,
  deps: ServerDeps,
  trusted: boolean,
): Promise<void> {
  if (req.method === 'GET' && trusted) {
    const [trades, refunds] = await Promise.all([deps.pay.trades(), deps.pay.refunds()])
    return sendJson(res, 200, { trades, refunds })
  }
  if (req.method !== 'POST')
    return cloudError(res, 404, ERR.FUNCTION_NOT_FOUND, `no route ${req.method} /cloud/pay`)
  let body: { outTradeNo?: unknown; outcome?: unknown }
  try {
    body = (await jsonBody(req)) as typeof body
  } catch {
    return cloudError(res, 400, ERR.INVALID_PARAM, 'body must be JSON {outTradeNo, outcome}')
  }
  const outcome = body?.outcome
  if (
    typeof body?.outTradeNo !== 'string' ||
    !['paid', 'cancelled', 'failed'].includes(String(outcome))
  )
    return cloudError(
      res,
      400,
      ERR.INVALID_PARAM,
      "body must be {outTradeNo: string, outcome: 'paid' | 'cancelled' | 'failed'}",
    )
  return sendJson(res, 200, await deps.pay.complete(body.outTradeNo, outcome as SheetOutcome))
}

async function files(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  if (path === '/cloud/files' && req.method === 'POST') {
    if (Number(req.headers['content-length'] ?? 0) > MAX_FILE_BYTES)
      return cloudError(res, 413, ERR.INVALID_PARAM, `larger than ${MAX_FILE_BYTES} bytes`)
    const header = req.headers['x-local-openid']
    const openid = typeof header === 'string' && header.trim() ? header.trim() : null
    const folder = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('dir')
    const type = String(req.headers['content-type'] ?? '')
    const answer = saveFile(await readBody(req), type, openid, folder)
    return answer.status === 200
      ? sendJson(res, 200, answer.json)
      : cloudError(res, answer.status, ERR.INVALID_PARAM, answer.error)
  }
  const file = req.method === 'GET' ? readFile(path.slice('/cloud/files/'.length)) : null
  if (!file) return cloudError(res, 404, ERR.FUNCTION_NOT_FOUND, `not found: ${path}`)
  res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.body.length })
  res.end(file.body)
}

// ---- static files -------------------------------------------------------------------------

function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  deps: ServerDeps,
  path: string,
): void {
  if (!deps.staticDir || (req.method !== 'GET' && req.method !== 'HEAD')) {
    return cloudError(res, 404, ERR.FUNCTION_NOT_FOUND, `no route ${req.method} ${path}`)
  }
  const root = resolve(deps.staticDir)
  let file: string
  try {
    file = normalize(join(root, decodeURIComponent(path)))
  } catch {
    return cloudError(res, 400, ERR.INVALID_PARAM, 'bad path')
  }
  if (file !== root && !file.startsWith(root + sep))
    return cloudError(res, 403, ERR.INVALID_PARAM, 'forbidden')
  if (!existsSync(file) || statSync(file).isDirectory()) {
    const index = join(file, 'index.html')
    file = existsSync(index) ? index : join(root, 'index.html')
  }
  if (!existsSync(file)) return cloudError(res, 404, ERR.FUNCTION_NOT_FOUND, `not found: ${path}`)
  res.writeHead(200, {
    'content-type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': statSync(file).size,
    'cache-control': 'no-cache',
  })
  if (req.method === 'HEAD') return void res.end()
  createReadStream(file).pipe(res)
}
