// wx.openApi over /admin: cloud.openapi.subscribeMessage.send(...) as sent by wx-server-sdk 4.0.2
// (customerServiceMessage.send arrives the same way and is answered in customer-service.ts).
// The request is multipart/form-data with fields action=wx.openApi, apiName, requestData; the
// latter is a protobuf CommApiData whose openapiData.pairs are {key, value: JSON bytes} with
// snake_case keys. The answer is a protobuf CommOpenApiResp whose respData is the JSON WeChat
// would return. Field numbers below are those of the static protobuf code bundled in
// wx-server-sdk (src/protobuf/openapi.js); the contract tests drive the real SDK through them.
import type { IncomingHttpHeaders } from 'node:http'
import Busboy from 'busboy'
import * as protobuf from 'protobufjs'
import type { Queryable } from './store/types'
import { handleCsSend, type CsInbox } from './customer-service'

const CS_SEND = 'customerServiceMessage.send'
/** The openapi calls the local cloud answers; anything else gets 48001. */
const EMULATED = ['subscribeMessage.send', CS_SEND]

const root = protobuf.Root.fromJSON({
  nested: {
    KeyValuePair: {
      fields: {
        key: { type: 'string', id: 1 },
        value: { type: 'bytes', id: 2 },
        contenttype: { type: 'string', id: 3 },
        filename: { type: 'string', id: 4 },
      },
    },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    CommApiData: {
      fields: {
        apiType: { type: 'int32', id: 1 },
        openapiData: { type: 'OpenApiData', id: 2 },
        appid: { type: 'string', id: 6 },
      },
    },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        errorCode: { type: 'int32', id: 3 },
        httpCode: { type: 'uint32', id: 4 },
        svrkitErrorCode: { type: 'int32', id: 6 },
      },
    },
  },
})
const CommApiData = root.lookupType('CommApiData')
const CommOpenApiResp = root.lookupType('CommOpenApiResp')

export interface InboxMessage {
  touser: string
  templateId: string
  page?: string
  data: Record<string, { value: string }>
  miniprogramState?: string
  lang?: string
  /** The cloud function that sent it (when known). */
  fn?: string
  /** ISO-8601 time of the send. */
  time: string
  /** 0 when delivered; otherwise the WeChat error the send answered. */
  errcode: number
  errmsg: string
}

/** errCode of an openapi call the function's config.json does not declare. */
export const OPENAPI_NO_PERMISSION = -604101

const ERRMSG: Record<number, string> = {
  40003: 'invalid openid',
  40037: 'invalid template_id',
  41030: 'invalid page',
  43101: 'user refuse to accept the msg',
  45009: 'reach max api daily quota limit',
  47003: 'argument invalid!',
  48001: 'api unauthorized',
}

/**
 * Pseudo errcode for failNext: the send never gets an answer (the local cloud breaks the reply),
 * as a dropped connection would. Negative codes other than this one come back as a platform
 * error (CommOpenApiResp.errorCode), e.g. -501001; positive ones as WeChat's JSON errcode.
 */
export const NETWORK_FAILURE = -1

export class Inbox {
  /** Injected failures, consumed one per send in order (failNext appends). */
  private failures: number[] = []

  constructor(private readonly db: Queryable) {}

  /** The next `times` sends fail with `errcode`, after failures injected before; times 0 clears. */
  failNext(errcode: number, times = 1): void {
    if (times <= 0) this.failures = []
    else for (let index = 0; index < times; index += 1) this.failures.push(errcode)
  }

  /** The injected error for this send, if any (consumes one). */
  takeFailure(): number | null {
    return this.failures.shift() ?? null
  }

  /** Injected failures not yet consumed. */
  pendingFailures(): number {
    return this.failures.length
  }

  async record(message: InboxMessage): Promise<void> {
    await this.db.query('INSERT INTO local_inbox (message) VALUES ($1::jsonb)', [
      JSON.stringify(message),
    ])
  }

  async list(): Promise<InboxMessage[]> {
    const { rows } = await this.db.query('SELECT message FROM local_inbox ORDER BY seq')
    return rows.map((row: { message: InboxMessage }) => row.message)
  }

  async clear(): Promise<void> {
    await this.db.query('DELETE FROM local_inbox')
  }
}

export interface OpenApiRequest {
  action: string
  apiName: string
  requestData: Buffer
  fields: Record<string, string>
}

export function parseMultipart(
  headers: IncomingHttpHeaders,
  body: Buffer,
): Promise<OpenApiRequest> {
  return new Promise((resolve, reject) => {
    let parser: Busboy.Busboy
    try {
      parser = Busboy({ headers, limits: { fileSize: 1 << 20, fieldSize: 1 << 20 } })
    } catch (error) {
      reject(error)
      return
    }
    const fields: Record<string, string> = {}
    let requestData: Buffer | undefined
    parser.on('field', (name, value) => (fields[name] = value))
    parser.on('file', (name, stream) => {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        if (name === 'requestData') requestData = Buffer.concat(chunks)
        else fields[name] = Buffer.concat(chunks).toString('utf8')
      })
    })
    parser.on('error', reject)
    parser.on('close', () =>
      resolve({
        action: fields.action ?? '',
        apiName: fields.apiName ?? '',
        requestData: requestData ?? Buffer.from(fields.requestData ?? '', 'utf8'),
        fields,
      }),
    )
    parser.end(body)
  })
}

/** Decodes CommApiData into {key: parsed JSON value}. */
export function decodeOpenApiData(buffer: Buffer): Record<string, unknown> {
  const message = CommApiData.toObject(CommApiData.decode(buffer), { bytes: Buffer as never }) as {
    openapiData?: { pairs?: { key: string; value: Buffer }[] }
  }
  const out: Record<string, unknown> = {}
  for (const pair of message.openapiData?.pairs ?? []) {
    const text = Buffer.from(pair.value ?? []).toString('utf8')
    try {
      out[pair.key] = JSON.parse(text)
    } catch {
      out[pair.key] = text
    }
  }
  return out
}

/** Wraps WeChat's JSON answer; a non-zero `errorCode` is a platform error (e.g. -604101 no permission). */
export function encodeOpenApiResponse(json: Record<string, unknown>, errorCode = 0): Buffer {
  const message = CommOpenApiResp.create({
    respData: Buffer.from(JSON.stringify(json)),
    contentType: 'application/json; charset=utf-8',
    errorCode,
    httpCode: 200,
  })
  return Buffer.from(CommOpenApiResp.encode(message).finish())
}

function wxError(errcode: number, detail = ''): Record<string, unknown> {
  const rid = Math.random().toString(16).slice(2, 10)
  return {
    errcode,
    errmsg: `${ERRMSG[errcode] ?? 'local cloud injected error'}${detail ? `: ${detail}` : ''} rid: ${rid}`,
  }
}

/** Answers one wx.openApi call; returns the WeChat JSON to wrap in CommOpenApiResp. */
export async function handleOpenApi(
  request: OpenApiRequest,
  inbox: Inbox,
  caller: { fn?: string; permissions?: string[] },
  customerService?: { inbox: CsInbox; now: () => Date },
): Promise<{ json: Record<string, unknown>; errorCode?: number }> {
  if (!EMULATED.includes(request.apiName)) {
    return {
      json: wxError(
        48001,
        `${request.apiName || '(empty apiName)'} is not emulated by the local cloud (only ${EMULATED.join(', ')})`,
      ),
    }
  }
  if (caller.permissions && !caller.permissions.includes(request.apiName)) {
    // The cloud refuses openapi calls a function did not declare in config.json.
    return { json: {}, errorCode: OPENAPI_NO_PERMISSION }
  }
  const data = decodeOpenApiData(request.requestData)
  if (request.apiName === CS_SEND) {
    if (!customerService) throw new Error('customerServiceMessage.send needs the 客服 inbox')
    const injected = inbox.takeFailure()
    const { json } = await handleCsSend(data, customerService.inbox, {
      fn: caller.fn,
      now: customerService.now(),
      injected,
    })
    return { json }
  }
  const message: InboxMessage = {
    touser: String(data.touser ?? ''),
    templateId: String(data.template_id ?? ''),
    page: typeof data.page === 'string' ? data.page : undefined,
    data: (isRecord(data.data) ? data.data : {}) as InboxMessage['data'],
    miniprogramState:
      typeof data.miniprogram_state === 'string' ? data.miniprogram_state : undefined,
    lang: typeof data.lang === 'string' ? data.lang : undefined,
    fn: caller.fn,
    time: new Date().toISOString(),
    errcode: 0,
    errmsg: 'ok',
  }
  let answer: Record<string, unknown>
  if (!message.touser) answer = wxError(40003)
  else if (!message.templateId) answer = wxError(40037)
  else if (!isRecord(data.data)) answer = wxError(47003, 'data')
  else if (
    message.miniprogramState &&
    !['developer', 'trial', 'formal'].includes(message.miniprogramState)
  ) {
    answer = wxError(47003, 'miniprogram_state')
  } else {
    const injected = inbox.takeFailure()
    if (injected === NETWORK_FAILURE) {
      await inbox.record({ ...message, errcode: NETWORK_FAILURE, errmsg: 'network failure' })
      throw new Error('local cloud injected a network failure')
    }
    if (injected !== null && injected < 0) {
      await inbox.record({ ...message, errcode: injected, errmsg: 'platform error' })
      return { json: {}, errorCode: injected }
    }
    answer = injected ? wxError(injected) : { errcode: 0, errmsg: 'ok', msgid: Date.now() }
  }
  message.errcode = Number(answer.errcode)
  message.errmsg = String(answer.errmsg)
  await inbox.record(message)
  return { json: answer }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
