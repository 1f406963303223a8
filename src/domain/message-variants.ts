// A/B of a message's wording or send hour (issue 20). config/message-templates.json may give a
// purpose 2–4 variants; each customer is assigned one by a hash of their OPENID and the purpose,
// so they always get the same one. A wording variant replaces draft values (checked against the
// template's fields at load); an hour variant applies only to purposes that may wait
// (send-time.ts), never to order nodes. 经营洞察 shows per variant: sent, opened, and the sent
// messages followed by an order within FOLLOW_ON_DAYS.
import type { MessagePurpose } from './messages'
import { WAITS_FOR_OPEN_HOUR } from './send-time'

export interface MessageVariant {
  /** Stable id stored on each outbox row: letters, digits, `_`, up to 16. */
  key: string
  /** What the merchant reads on 经营洞察. */
  label: string
  /** Draft values replaced for this variant (only text values the template shows). */
  values?: Record<string, string>
  /** China hour (0–23) to send at instead of the learned one. */
  sendHour?: number
}

export type MessageExperiments = Partial<Record<MessagePurpose, MessageVariant[]>>

export const FOLLOW_ON_DAYS = 7
/** WeChat's `thing` field limit, the tightest a wording override meets. */
const THING_MAX = 20
const KEY = /^[A-Za-z0-9_]{1,16}$/

/** Problems with the experiments, as readable lines; `shown` lists each purpose's draft values. */
export function experimentProblems(
  experiments: unknown,
  shown: (purpose: MessagePurpose) => { value: string; type: string }[] | null,
): string[] {
  if (experiments === undefined) return []
  if (typeof experiments !== 'object' || experiments === null) return ['experiments 必须是对象']
  const problems: string[] = []
  for (const [purpose, variants] of Object.entries(experiments)) {
    const fields = shown(purpose as MessagePurpose)
    if (!fields) {
      problems.push(`experiments.${purpose}: 没有这种消息`)
      continue
    }
    if (!Array.isArray(variants) || variants.length < 2 || variants.length > 4) {
      problems.push(`experiments.${purpose}: 需要 2–4 个方案`)
      continue
    }
    const keys = new Set<string>()
    for (const variant of variants as MessageVariant[]) {
      const where = `experiments.${purpose}.${variant?.key}`
      if (!KEY.test(variant?.key ?? '') || keys.has(variant.key))
        problems.push(`${where}: key 无效或重复`)
      keys.add(variant?.key)
      if (!variant?.label) problems.push(`${where}: 缺少 label`)
      for (const [name, text] of Object.entries(variant?.values ?? {})) {
        const field = fields.find((candidate) => candidate.value === name)
        if (!field) problems.push(`${where}: 模板不显示 ${name}`)
        else if (typeof text !== 'string' || !text) problems.push(`${where}.${name}: 需要文字`)
        else if (field.type === 'thing' && text.length > THING_MAX)
          problems.push(`${where}.${name}: 超过 ${THING_MAX} 个字`)
      }
      if (variant?.sendHour !== undefined) {
        if (!WAITS_FOR_OPEN_HOUR.includes(purpose as MessagePurpose))
          problems.push(`${where}: 这种消息不能延后发送`)
        else if (
          !Number.isInteger(variant.sendHour) ||
          variant.sendHour < 0 ||
          variant.sendHour > 23
        )
          problems.push(`${where}: sendHour 须为 0–23`)
      }
    }
  }
  return problems
}

/** FNV-1a over the customer and purpose: the same customer always lands on the same variant. */
export function variantOf(
  experiments: MessageExperiments,
  purpose: MessagePurpose,
  openid: string,
): MessageVariant | null {
  const variants = experiments[purpose]
  if (!variants?.length) return null
  let hash = 0x811c9dc5
  for (const char of `${purpose}:${openid}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193)
  return variants[(hash >>> 0) % variants.length]
}

/** The hour a row's variant sends at, if its variant sets one. */
export function variantHourOf(
  experiments: MessageExperiments,
  row: { purpose: MessagePurpose; variant?: string },
): number | null {
  const variant = experiments[row.purpose]?.find((candidate) => candidate.key === row.variant)
  return variant?.sendHour ?? null
}

export interface VariantFigures {
  key: string
  label: string
  sent: number
  opened: number
  /** Sent messages whose recipient placed an order within FOLLOW_ON_DAYS after it. */
  followedByOrder: number
}

export interface ExperimentFigures {
  purpose: MessagePurpose
  variants: VariantFigures[]
}

/** Per variant, from the sent rows and the orders placed over the same window. */
export function experimentFigures(
  experiments: MessageExperiments,
  sent: {
    purpose: MessagePurpose
    variant?: string
    toOpenid: string
    sentAt: Date | null
    opened?: boolean
  }[],
  orders: { ownerOpenid: string; createdAt: Date }[],
): ExperimentFigures[] {
  const ordersBy = new Map<string, number[]>()
  for (const order of orders) {
    const times = ordersBy.get(order.ownerOpenid) ?? []
    times.push(new Date(order.createdAt).getTime())
    ordersBy.set(order.ownerOpenid, times)
  }
  const window = FOLLOW_ON_DAYS * 24 * 60 * 60 * 1000
  const followed = (openid: string, sentAt: number) =>
    (ordersBy.get(openid) ?? []).some((at) => at > sentAt && at <= sentAt + window)
  return (Object.entries(experiments) as [MessagePurpose, MessageVariant[]][]).map(
    ([purpose, variants]) => ({
      purpose,
      variants: variants.map(({ key, label }) => {
        const rows = sent.filter(
          (row) => row.purpose === purpose && row.variant === key && row.sentAt,
        )
        return {
          key,
          label,
          sent: rows.length,
          opened: rows.filter((row) => row.opened === true).length,
          followedByOrder: rows.filter((row) =>
            followed(row.toOpenid, new Date(row.sentAt as Date).getTime()),
          ).length,
        }
      }),
    }),
  )
}
