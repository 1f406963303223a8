// What each order event accepts, one check per event (validate.ts), checked before a transition
// is applied: `ship` needs a carrier and tracking number, `set_eta` a date not before today and
// its reason, `flag_exception` a kind, a note and the remedies offered, `choose_remedy` one of
// those remedies. Other notes and photos are optional and land on the timeline; photos only
// from the merchant and only as this environment's uploads (photos.ts). Unknown fields are
// rejected. The merchant's forms run the same checks (event-form.ts).
import { isChinaDate, chinaDateOf, type ChinaDate } from './china-date'
import { DELIVERY_WINDOW_KINDS, deliveryDateCheck } from './delivery-window'
import {
  EXCEPTION_KINDS,
  REMEDY_TYPES,
  REWORK_KINDS,
  type ActorRole,
  type ExceptionKind,
  type OrderEvent,
  type OrderRecord,
  type RemedyOffer,
  type RemedyType,
} from './order-types'
import { isOrderPhotoId, mayAttachPhotos, type PhotoScope } from './photos'
import type { Result } from './result'
import {
  checkedLater,
  isPlainObject,
  object,
  oneOf,
  parsePayload,
  refine,
  string,
  invalid,
  valid,
  withDefault,
  type Check,
  type InputOf,
} from './validate'

export const NOTE_MAX = 200
export const PHOTOS_MAX = 9
export const CARRIER_MAX = 20
export const TRACKING_NO_MAX = 40
const TRACKING_NO = new RegExp(`^[A-Za-z0-9-]{6,${TRACKING_NO_MAX}}$`)

/** What the checks read of the order: a coupon is capped by its price, a remedy must be offered. */
export type EventContext = {
  order: {
    quote: Pick<OrderRecord['quote'], 'priceFen'>
    exception?: { offered: readonly RemedyOffer[] } | null
  }
  today: ChinaDate
  /** Who sends the event (only roles whose forms offer photos may attach them) and where photo
   * ids are checked: the function knows its environment, a form checks their shape (photos.ts). */
  photos: { role: ActorRole; scope: PhotoScope }
}
type Context = EventContext

const photosCheck =
  ({ photos }: Context): Check<string[]> =>
  (value, path) => {
    if (!Array.isArray(value) || value.length > PHOTOS_MAX)
      return invalid(path, `照片最多 ${PHOTOS_MAX} 张`)
    if (value.length > 0 && !mayAttachPhotos(photos.role))
      return invalid(path, '此操作不能附带照片')
    return value.every((p) => isOrderPhotoId(p, photos.scope))
      ? valid(value as string[])
      : invalid(path, '照片地址不正确，请重新上传照片')
  }

const commonOf = (ctx: Context) => ({
  note: withDefault(string({ label: '备注', min: 0, max: NOTE_MAX }), ''),
  photos: withDefault(photosCheck(ctx), []),
})

/** Also the after-sales ship-back's (api/merchant.ts). */
export const carrierCheck: Check<string> = (value, path) =>
  typeof value === 'string' ? carrierText(value, path) : invalid(path, '请填写快递公司')
const carrierText = string({ label: '快递公司', max: CARRIER_MAX, oneLine: true })

export const trackingNoCheck: Check<string> = (value, path) =>
  typeof value === 'string' && TRACKING_NO.test(value.trim())
    ? valid(value.trim())
    : invalid(path, `快递单号应为 6 到 ${TRACKING_NO_MAX} 位字母或数字`)

const etaCheck =
  (today: ChinaDate): Check<ChinaDate> =>
  (value, path) => {
    if (!isChinaDate(value)) return invalid(path, '预计完成日期格式应为 YYYY-MM-DD')
    return value < today ? invalid(path, '预计完成日期不能早于今天') : valid(value)
  }

const kindCheck: Check<ExceptionKind> = (value, path) =>
  (EXCEPTION_KINDS as readonly unknown[]).includes(value)
    ? valid(value as ExceptionKind)
    : invalid(path, '异常类型不正确')

/** Each remedy at most once; a new date not before today; a coupon within the order's price. */
const offersCheck =
  ({ order, today }: Context): Check<RemedyOffer[]> =>
  (value, path) => {
    if (!Array.isArray(value) || value.length < 1 || value.length > REMEDY_TYPES.length)
      return invalid(path, '请提供 1 到 4 种处理方式')
    const offers: RemedyOffer[] = []
    for (const raw of value) {
      if (!isPlainObject(raw) || !(REMEDY_TYPES as readonly unknown[]).includes(raw.type))
        return invalid(path, '处理方式不正确')
      if (offers.some((offer) => offer.type === raw.type)) return invalid(path, '处理方式不能重复')
      const extra = Object.keys(raw).find((key) => !['type', 'newEta', 'amountFen'].includes(key))
      if (extra !== undefined) return invalid(path, `不支持的字段：${extra.slice(0, 40)}`)
      if (raw.type === 'wait_new_eta') {
        if (!isChinaDate(raw.newEta) || raw.newEta < today)
          return invalid(path, '新的完成日期不正确')
        offers.push({ type: 'wait_new_eta', newEta: raw.newEta })
      } else if (raw.type === 'coupon') {
        const amount = raw.amountFen
        if (
          typeof amount !== 'number' ||
          !Number.isInteger(amount) ||
          amount < 1 ||
          amount > order.quote.priceFen
        )
          return invalid(path, '补偿券金额应在 1 分到订单金额之间')
        offers.push({ type: 'coupon', amountFen: amount })
      } else {
        offers.push({ type: raw.type as 'switch_warehouse' | 'cancel' })
      }
    }
    return valid(offers)
  }

const remedyCheck =
  ({ order }: Context): Check<RemedyType> =>
  (value, path) => {
    if (!(REMEDY_TYPES as readonly unknown[]).includes(value))
      return invalid(path, '处理方式不正确')
    return order.exception?.offered.some((offer) => offer.type === value)
      ? valid(value as RemedyType)
      : invalid(path, '商家没有提供这种处理方式')
  }

/** The check of each event's input, for one order at one moment, from one sender. */
export function eventInputChecks(ctx: Context) {
  const common = commonOf(ctx)
  const plain = object(common)
  return {
    confirm: plain,
    purchase_materials: plain,
    start_production: plain,
    start_quality_check: plain,
    ship: object({ ...common, carrier: carrierCheck, trackingNo: trackingNoCheck }),
    deliver: plain,
    complete: plain,
    cancel: plain,
    // The customer is told why the date moved.
    set_eta: refine(
      object({ ...common, eta: etaCheck(ctx.today) }),
      (value, path) =>
        value.note === ''
          ? invalid(path ? `${path}.note` : 'note', '请填写调整原因')
          : valid(value),
      (value) => value,
    ),
    // The kind first, then the note it needs, then the remedies (in that order of messages).
    flag_exception: refine(
      object({
        ...common,
        kind: kindCheck,
        offered: checkedLater as Check<unknown, RemedyOffer[]>,
      }),
      (value, path) =>
        value.note === ''
          ? invalid(path ? `${path}.note` : 'note', '请说明异常情况')
          : offersCheck(ctx)(value.offered, path ? `${path}.offered` : 'offered'),
      (value, offered) => ({ ...value, offered }),
    ),
    choose_remedy: object({ ...common, remedy: remedyCheck(ctx) }),
    resolve_exception: plain,
    batch_reached: plain,
    // Only the system sends these, with what WeChat's queryOrder confirmed.
    pay: object({
      ...common,
      outTradeNo: string({ label: '商户订单号', max: 32, oneLine: true }),
      transactionId: string({ label: '微信支付单号', max: 64, oneLine: true }),
    }),
    expire: plain,
    // The date only with 指定日期, and then between tomorrow and a month ahead.
    choose_delivery_window: refine(
      object({
        ...common,
        kind: oneOf('送货时间', DELIVERY_WINDOW_KINDS),
        date: withDefault(checkedLater as Check<ChinaDate | null, unknown>, null),
      }),
      (value, path) =>
        deliveryDateCheck(value.kind, ctx.today)(value.date, path ? `${path}.date` : 'date'),
      (value, date) => ({ ...value, date }),
    ),
    // Only the after-sales accept sends it (system): the plan as the note, the rework's new date.
    rework: refine(
      object({ ...common, eta: etaCheck(ctx.today), kind: oneOf('返工类型', REWORK_KINDS) }),
      (value, path) =>
        value.note === ''
          ? invalid(path ? `${path}.note` : 'note', '请填写处理方案')
          : valid(value),
      (value) => value,
    ),
  } satisfies Record<OrderEvent, Check<unknown, unknown>>
}

type Checks = ReturnType<typeof eventInputChecks>
type Common = { note: string; photos: string[] }
/** What each event's input holds once checked. */
export type EventInputs = {
  [E in OrderEvent]: E extends 'flag_exception'
    ? Common & { kind: ExceptionKind; offered: RemedyOffer[] }
    : Checks[E] extends Check<infer T, unknown>
      ? T
      : never
}
/** What a caller sends as each event's input. */
export type EventPayloads = { [E in OrderEvent]: InputOf<Checks[E]> }

/** One event with its checked input: switch on `event` and `input` is exact. */
export type EventInput = { [E in OrderEvent]: { event: E; input: EventInputs[E] } }[OrderEvent]

export function parseEventInput(
  event: OrderEvent,
  input: unknown,
  ctx: { order: OrderRecord; now: Date; role: ActorRole; scope: PhotoScope },
): Result<EventInput> {
  const checks = eventInputChecks({
    order: ctx.order,
    today: chinaDateOf(ctx.now),
    photos: { role: ctx.role, scope: ctx.scope },
  })
  const parsed = parsePayload(
    checks[event] as Check<unknown>,
    input === undefined || input === null ? {} : input,
  )
  return parsed.ok ? { ok: true, data: { event, input: parsed.data } as EventInput } : parsed
}

/** An event and its input as a caller sends them (order.act, merchant.actMany). */
export type EventPayload = {
  [E in OrderEvent]: { event: E; input?: EventPayloads[E] }
}[OrderEvent]
