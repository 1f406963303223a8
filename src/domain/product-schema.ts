// What a product lets the customer choose, as data: option groups, measurements and free text,
// plus the price / lead-time rules and the kind-specific terms. Pages render forms from it,
// `validateOrderSelection` checks orders against it, `quoteOrder` prices them.
// `checkProductSchema` lists authoring mistakes (the seed test runs it on every demo product).
import { checkCarePlan, type CarePlan } from './care'
import type { VisitKind } from './visit-types'

export interface Choice {
  id: string
  label: string
  /** Added to the unit price; may be negative (a cheaper fabric). */
  priceDeltaFen: number
  /** Extra days of work; never negative, the slowest chosen option decides (see pricing.ts). */
  leadDaysDelta: number
  /** A service option: the home visits it includes, in order (上门测量安装: measuring, installing). */
  visits?: VisitKind[]
}

export interface OptionGroup {
  id: string
  label: string
  type: 'single' | 'multi'
  required: boolean
  /** Multi-choice only; absent means any number of the choices. */
  maxChoices?: number
  choices: Choice[]
}

export interface Measurement {
  id: string
  label: string
  unit: string
  min: number
  max: number
  /** Values must be min + k x step, e.g. 0.5 cm. */
  step: number
  required: boolean
  /** How to measure, shown next to the input. */
  hint: string
}

export interface TextField {
  id: string
  label: string
  maxLength: number
  required: boolean
  hint: string
}

export interface UrgentChannel {
  /** Charged once per order, not per unit. */
  surchargeFen: number
  /** Replaces the normal lead time (options and queue do not add to it). */
  urgentLeadDays: number
  /** Urgent orders accepted per China calendar day. */
  dailyCapacity: number
}

/** The choosable part of a product; `ProductRecord` (catalog.ts) adds identity and display. */
export interface ProductSchema {
  basePriceFen: number
  baseLeadDays: number
  optionGroups: OptionGroup[]
  measurements: Measurement[]
  textFields: TextField[]
  urgent: UrgentChannel | null
  /** Consumables: how long one unit lasts, for replenishment reminders. */
  consumable?: { defaultCycleDays: number }
  /**
   * Batches: the batch goes into production once live orders reach this many units. With
   * `depositFen` (per unit) the customer pays that 定金 at submit and the rest (尾款) once the
   * batch fills; with `collectDays` a batch not filled that many days after it opened is
   * cancelled and every payment in it refunded.
   */
  batch?: { minQuantity: number; depositFen?: number; collectDays?: number }
  /** Queued orders per extra day of lead time; DEFAULT_QUEUE_ORDERS_PER_DAY when absent. */
  queueOrdersPerDay?: number
  /** Made goods: care reminders after delivery (care.ts). */
  carePlan?: CarePlan
}

/** Ids end up as object keys in stored selections, so they stay short and plain. */
export const SCHEMA_ID_PATTERN = /^[a-z][a-z0-9_]{0,31}$/

/** Problems in a product definition, in Chinese for the merchant; empty when it is sound. */
export function checkProductSchema(product: ProductSchema & { kind: string }): string[] {
  const problems: string[] = []
  const need = (condition: boolean, problem: string) => condition || problems.push(problem)
  const isCount = (n: number, min: number) => Number.isInteger(n) && n >= min
  need(isCount(product.basePriceFen, 0), '基础价必须是非负整数分')
  need(isCount(product.baseLeadDays, 0), '基础工期必须是非负整数天')
  const ids = [
    ...product.optionGroups.map((g) => g.id),
    ...product.measurements.map((m) => m.id),
    ...product.textFields.map((t) => t.id),
  ]
  for (const id of ids) need(SCHEMA_ID_PATTERN.test(id), `编号格式不正确：${id}`)
  need(new Set(ids).size === ids.length, '选项组、尺寸和填写项的编号不能重复')
  let cheapest = product.basePriceFen
  for (const group of product.optionGroups) {
    const choiceIds = group.choices.map((c) => c.id)
    need(group.choices.length > 0, `${group.label}：没有可选项`)
    need(new Set(choiceIds).size === choiceIds.length, `${group.label}：选项编号重复`)
    for (const c of group.choices) {
      need(SCHEMA_ID_PATTERN.test(c.id), `${group.label}：选项编号格式不正确：${c.id}`)
      need(Number.isInteger(c.priceDeltaFen), `${c.label}：加价必须是整数分`)
      need(isCount(c.leadDaysDelta, 0), `${c.label}：工期增加必须是非负整数天`)
    }
    if (group.maxChoices !== undefined)
      need(
        group.type === 'multi' && isCount(group.maxChoices, 1),
        `${group.label}：最多可选数量不正确`,
      )
    const deltas = group.choices.map((c) => c.priceDeltaFen).sort((a, b) => a - b)
    const take = group.type === 'single' ? 1 : (group.maxChoices ?? deltas.length)
    const negatives = deltas.filter((d) => d < 0).slice(0, take)
    cheapest += negatives.reduce((a, b) => a + b, 0)
  }
  need(cheapest >= 0, '选项优惠后价格可能为负')
  for (const m of product.measurements)
    need(m.min < m.max && m.step > 0 && m.min > 0, `${m.label}：范围或步长不正确`)
  for (const t of product.textFields) need(isCount(t.maxLength, 1), `${t.label}：字数上限不正确`)
  if (product.urgent) {
    const { surchargeFen, urgentLeadDays, dailyCapacity } = product.urgent
    need(isCount(surchargeFen, 0) && isCount(dailyCapacity, 1), '加急：加价或每日名额不正确')
    need(
      isCount(urgentLeadDays, 0) && urgentLeadDays < product.baseLeadDays,
      '加急工期必须短于基础工期',
    )
    need(product.kind !== 'batch', '预售拼单商品不能开通加急')
  }
  need(
    (product.kind === 'consumable') === (product.consumable !== undefined),
    '只有消耗品需要补货周期',
  )
  if (product.consumable) need(isCount(product.consumable.defaultCycleDays, 1), '补货周期不正确')
  need((product.kind === 'batch') === (product.batch !== undefined), '只有预售拼单需要成团数量')
  if (product.batch) {
    const { minQuantity, depositFen, collectDays } = product.batch
    need(isCount(minQuantity, 1), '成团数量不正确')
    need(depositFen === undefined || isCount(depositFen, 1), '定金须为正整数（分）')
    need(depositFen === undefined || depositFen < product.basePriceFen, '定金须低于商品基础价格')
    need(collectDays === undefined || isCount(collectDays, 1), '拼单天数须为正整数')
  }
  if (product.queueOrdersPerDay !== undefined)
    need(isCount(product.queueOrdersPerDay, 1), '每日排产数量不正确')
  if (product.carePlan) problems.push(...checkCarePlan(product.carePlan))
  return problems
}

export const PRODUCT_KINDS = ['made_to_order', 'consumable', 'batch'] as const
export type ProductKind = (typeof PRODUCT_KINDS)[number]

/** A product as stored: identity and display, plus what a customer chooses (product-schema.ts). */
export interface ProductRecord extends ProductSchema {
  _id: string
  name: string
  kind: ProductKind
  image: string
  /** Position on the home page, ascending. */
  sort: number
  active: boolean
  /** What kind of thing it is, for preferences across products (e.g. home_textile / 家纺). */
  category?: { id: string; label: string }
  /** The shop's curated pick: what a new customer (or one with personalisation off) is shown. */
  featured?: boolean
  /** When the product was added (新品 for 30 days); products stored before it have none. */
  createdAt?: Date
}
