// WeChat's customer-service chat, stood in for (issue 17). Two directions:
// - in: `push(fn, event)` delivers a customer's message to the function configured for the
//   message push, as WeChat would: the event is the JSON packet (接收消息和事件), OPENID is the
//   sender (WeChat's sample replies to `getWXContext().OPENID`), SOURCE is `wx_unknown`
//   (「微信未知来源调用」 in Cloud.getWXContext's list, which names no SOURCE for a push: an
//   assumption, not a fact; the function refuses only a client's SOURCE). The time of the
//   customer's message (CreateTime) opens the 48-hour reply window for that OPENID.
// - out: `cloud.openapi.customerServiceMessage.send` arrives like subscribeMessage.send
//   (wx.openApi multipart; requestData pairs touser, msgtype, text / image / link /
//   miniprogrampage, snake_case) and is recorded here. A send to someone who has not written in
//   48 hours answers 45015, as WeChat does outside the window (errcode as commonly reported; our
//   searches did not reach WeChat's error table to confirm it).
import type { Queryable } from './store/types'

export interface CsSend {
  touser: string
  msgtype: string
  /** The msgtype's body as sent, e.g. {content} for text. */
  body: Record<string, unknown>
  fn?: string
  time: string
  errcode: number
  errmsg: string
}

export const CS_MSGTYPES = ['text', 'image', 'link', 'miniprogrampage'] as const
export const CS_REPLY_WINDOW_MS = 48 * 60 * 60 * 1000
/** WeChat's answer to a send outside the reply window. */
export const OUT_OF_WINDOW = 45015

export class CsInbox {
  constructor(private readonly db: Queryable) {}

  /** The customer wrote at `at` (their message's CreateTime): the reply window runs from there. */
  async customerWrote(openid: string, at: Date): Promise<void> {
    await this.db.query(
      `INSERT INTO local_cs_sessions (openid, last_message_at) VALUES ($1, $2)
       ON CONFLICT (openid) DO UPDATE SET last_message_at =
         GREATEST(local_cs_sessions.last_message_at, EXCLUDED.last_message_at)`,
      [openid, at],
    )
  }

  async lastCustomerMessage(openid: string): Promise<Date | null> {
    const { rows } = await this.db.query(
      'SELECT last_message_at FROM local_cs_sessions WHERE openid = $1',
      [openid],
    )
    return rows[0] ? new Date(rows[0].last_message_at) : null
  }

  async record(send: CsSend): Promise<void> {
    await this.db.query('INSERT INTO local_cs_inbox (message) VALUES ($1::jsonb)', [
      JSON.stringify(send),
    ])
  }

  async list(): Promise<CsSend[]> {
    const { rows } = await this.db.query('SELECT message FROM local_cs_inbox ORDER BY seq')
    return rows.map((row: { message: CsSend }) => row.message)
  }

  async clear(): Promise<void> {
    await this.db.query('TRUNCATE local_cs_inbox, local_cs_sessions')
  }
}

/**
 * Answers customerServiceMessage.send: checks the fields WeChat requires, the 48-hour window
 * (against the functions' clock), then records it; returns WeChat's JSON.
 */
export async function handleCsSend(
  data: Record<string, unknown>,
  inbox: CsInbox,
  context: { fn?: string; now: Date; injected: number | null },
): Promise<{ json: Record<string, unknown>; send: CsSend }> {
  const msgtype = typeof data.msgtype === 'string' ? data.msgtype : ''
  const body = data[msgtype]
  const send: CsSend = {
    touser: typeof data.touser === 'string' ? data.touser : '',
    msgtype,
    body: isRecord(body) ? body : {},
    fn: context.fn,
    time: context.now.toISOString(),
    errcode: 0,
    errmsg: 'ok',
  }
  const last = send.touser ? await inbox.lastCustomerMessage(send.touser) : null
  let json: Record<string, unknown>
  if (!send.touser) json = wxError(40003, 'invalid openid')
  else if (!(CS_MSGTYPES as readonly string[]).includes(msgtype))
    json = wxError(40008, 'invalid message type')
  else if (!isRecord(body)) json = wxError(47003, `argument invalid! ${msgtype}`)
  else if (msgtype === 'text' && (typeof body.content !== 'string' || body.content === ''))
    json = wxError(47003, 'argument invalid! text.content')
  else if (last === null || context.now.getTime() - last.getTime() > CS_REPLY_WINDOW_MS)
    json = wxError(OUT_OF_WINDOW, 'response out of time limit or subscription is canceled')
  else if (context.injected !== null) json = wxError(context.injected, 'local cloud injected error')
  else json = { errcode: 0, errmsg: 'ok' }
  send.errcode = Number(json.errcode)
  send.errmsg = String(json.errmsg)
  await inbox.record(send)
  return { json, send }
}

function wxError(errcode: number, errmsg: string): Record<string, unknown> {
  return { errcode, errmsg: `${errmsg} rid: ${Math.random().toString(16).slice(2, 10)}` }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
