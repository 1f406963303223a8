// parseEventInput(event, input: unknown, { order, now }): Result<EventInput>
// The payload each order event accepts, checked before a transition is applied. Unknown fields
// are rejected. Notes and photos are optional on every event and land on the timeline.
import { isChinaDate, chinaDateOf, type ChinaDate } from './china-date'
import { fail, ok, type Result } from './result'
import {
  EXCEPTION_KINDS,
  REMEDY_TYPES,
  type ExceptionKind,
  type OrderEvent,
  type OrderRecord,
  type RemedyOffer,
  type RemedyType,
} from './order-types'

export const NOTE_MAX = 200
export const PHOTOS_MAX = 9
const PHOTO_ID = /^[\w:/.-]{1,256}$/
const TRACKING_NO = /^[A-Za-z0-9-]{6,40}$/

export interface EventInput {
  note: string
  photos: string[]
  /** ship */
  carrier?: string
  trackingNo?: string
  /** set_eta */
  eta?: ChinaDate
  /** flag_exception */
  kind?: ExceptionKind
  offered?: RemedyOffer[]
  /** choose_remedy */
  remedy?: RemedyType
}

type Fields = Record<string, unknown>
type Problem = { field: string; message: string }
type Parser = (
  fields: Fields,
  out: EventInput,
  ctx: { order: OrderRecord; today: ChinaDate },
) => Problem | null
const problem = (field: string, message: string): Problem => ({ field, message })

const isPlainObject = (v: unknown): v is Fields =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const bad = (field: string, message: string) => fail('INVALID_INPUT', message, field)

const PARSERS: Partial<Record<OrderEvent, { fields: string[]; parse: Parser }>> = {
  ship: {
    fields: ['carrier', 'trackingNo'],
    parse: (f, out) => {
      if (typeof f.carrier !== 'string' || f.carrier.trim() === '')
        return problem('carrier', '请填写快递公司')
      if (f.carrier.trim().length > 20) return problem('carrier', '快递公司不能超过 20 个字')
      if (typeof f.trackingNo !== 'string' || !TRACKING_NO.test(f.trackingNo.trim()))
        return problem('trackingNo', '快递单号应为 6 到 40 位字母或数字')
      out.carrier = f.carrier.trim()
      out.trackingNo = f.trackingNo.trim()
      return null
    },
  },
  set_eta: {
    fields: ['eta'],
    parse: (f, out, { today }) => {
      if (!isChinaDate(f.eta)) return problem('eta', '预计完成日期格式应为 YYYY-MM-DD')
      if (f.eta < today) return problem('eta', '预计完成日期不能早于今天')
      out.eta = f.eta
      return null
    },
  },
  flag_exception: {
    fields: ['kind', 'offered'],
    parse: (f, out, ctx) => {
      if (!(EXCEPTION_KINDS as readonly unknown[]).includes(f.kind))
        return problem('kind', '异常类型不正确')
      if (out.note === '') return problem('note', '请说明异常情况')
      const offered = parseOffers(f.offered, ctx)
      if (!Array.isArray(offered)) return offered
      out.kind = f.kind as ExceptionKind
      out.offered = offered
      return null
    },
  },
  choose_remedy: {
    fields: ['remedy'],
    parse: (f, out, { order }) => {
      if (!(REMEDY_TYPES as readonly unknown[]).includes(f.remedy))
        return problem('remedy', '处理方式不正确')
      if (!order.exception?.offered.some((offer) => offer.type === f.remedy))
        return problem('remedy', '商家没有提供这种处理方式')
      out.remedy = f.remedy as RemedyType
      return null
    },
  },
}

function parseOffers(
  value: unknown,
  { order, today }: { order: OrderRecord; today: ChinaDate },
): RemedyOffer[] | Problem {
  if (!Array.isArray(value) || value.length < 1 || value.length > REMEDY_TYPES.length)
    return problem('offered', '请提供 1 到 4 种处理方式')
  const offers: RemedyOffer[] = []
  for (const raw of value) {
    if (!isPlainObject(raw) || !(REMEDY_TYPES as readonly unknown[]).includes(raw.type))
      return problem('offered', '处理方式不正确')
    if (offers.some((offer) => offer.type === raw.type))
      return problem('offered', '处理方式不能重复')
    const extra = Object.keys(raw).find((key) => !['type', 'newEta', 'amountFen'].includes(key))
    if (extra !== undefined) return problem('offered', `不支持的字段：${extra.slice(0, 40)}`)
    if (raw.type === 'wait_new_eta') {
      if (!isChinaDate(raw.newEta) || raw.newEta < today)
        return problem('offered', '新的完成日期不正确')
      offers.push({ type: 'wait_new_eta', newEta: raw.newEta })
    } else if (raw.type === 'coupon') {
      const amount = raw.amountFen
      if (
        typeof amount !== 'number' ||
        !Number.isInteger(amount) ||
        amount < 1 ||
        amount > order.quote.priceFen
      )
        return problem('offered', '补偿券金额应在 1 分到订单金额之间')
      offers.push({ type: 'coupon', amountFen: amount })
    } else {
      offers.push({ type: raw.type as 'switch_warehouse' | 'cancel' })
    }
  }
  return offers
}

export function parseEventInput(
  event: OrderEvent,
  input: unknown,
  ctx: { order: OrderRecord; now: Date },
): Result<EventInput> {
  const fields: Fields = input === undefined || input === null ? {} : (input as Fields)
  if (!isPlainObject(fields)) return fail('INVALID_INPUT', '请求内容必须是对象')
  const parser = PARSERS[event]
  const allowed = ['note', 'photos', ...(parser?.fields ?? [])]
  const extra = Object.keys(fields).find((key) => !allowed.includes(key))
  if (extra !== undefined) return bad(extra, `不支持的字段：${extra.slice(0, 40)}`)
  const { note = '', photos = [] } = fields
  if (typeof note !== 'string') return bad('note', '备注必须是文字')
  if (note.trim().length > NOTE_MAX) return bad('note', `备注不能超过 ${NOTE_MAX} 个字`)
  if (!Array.isArray(photos) || photos.length > PHOTOS_MAX)
    return bad('photos', `照片最多 ${PHOTOS_MAX} 张`)
  if (photos.some((p) => typeof p !== 'string' || !PHOTO_ID.test(p)))
    return bad('photos', '照片地址不正确')
  const out: EventInput = { note: note.trim(), photos: photos as string[] }
  const found = parser?.parse(fields, out, { order: ctx.order, today: chinaDateOf(ctx.now) })
  return found ? bad(found.field, found.message) : ok(out)
}
