// Formats draft values into WeChat template data, each to its type's limits (platform.md):
// thing <= 20 chars (ellipsis), phrase <= 5 Chinese chars from PHRASES only, amount from fen,
// time/date in China time, character_string <= 32 ASCII, and so on. A value that cannot be made
// valid is an error (the message is dead-lettered with it), never a silently wrong send.
import { AFTER_SALES_STATE_LABELS, ANSWERED_STATES, type AnsweredState } from './after-sales'
import { formatChinaTime } from './time'
import { isChinaDate } from './china-date'
import type { FieldType, MessageTemplate } from './message-templates'
import { NODE_LABELS } from './order-labels'

export type FieldValue = string | number | Date | null | undefined
export type Formatted = { ok: true; value: string } | { ok: false; reason: string }

/** An after-sales answer's raw status word (after-sales-message.ts). */
export const afterSalesStatus = (state: AnsweredState) => `after_sales_${state}` as const

/** Raw status words (order nodes, refill states) and the phrase WeChat shows for each. */
export const PHRASES: Record<string, string> = {
  ...NODE_LABELS,
  exception: '待选择',
  refill_due: '即将用完',
  appointment: '即将开始',
  ...Object.fromEntries(
    ANSWERED_STATES.map((state) => [afterSalesStatus(state), AFTER_SALES_STATE_LABELS[state]]),
  ),
}
const PHRASE_WORDS = new Set(Object.values(PHRASES))

export const LIMITS = {
  thing: 20,
  number: 32,
  letter: 32,
  symbol: 5,
  character_string: 32,
  phone_number: 17,
  car_number: 8,
  phrase: 5,
  nameChinese: 10,
  nameLatin: 20,
  amountDigits: 10,
} as const

const ELLIPSIS = '…'
const chars = (text: string) => Array.from(text)

/** Cuts to `max` characters (code points), ending in an ellipsis when it had to cut. */
export function truncate(text: string, max: number): string {
  const list = chars(text)
  return list.length <= max ? text : `${list.slice(0, max - 1).join('')}${ELLIPSIS}`
}

const good = (value: string): Formatted => ({ ok: true, value })
const bad = (reason: string): Formatted => ({ ok: false, reason })

function asInstant(value: FieldValue): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value
  if (typeof value === 'number') return new Date(value)
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) {
    const date = new Date(value)
    return Number.isNaN(date.getTime()) ? null : date
  }
  return null
}

function formatDate(value: FieldValue, withTime: boolean): Formatted {
  // A China calendar day ('2026-11-22') is a day, not an instant: no time-zone shift.
  if (isChinaDate(value)) {
    const [year, month, day] = value.split('-').map(Number)
    return withTime ? bad('只有日期，没有时间') : good(`${year}年${month}月${day}日`)
  }
  const instant = asInstant(value)
  if (!instant) return bad('不是有效的时间')
  return good(formatChinaTime(instant, withTime ? 'YYYY年M月D日 HH:mm' : 'YYYY年M月D日'))
}

function formatAmount(value: FieldValue): Formatted {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    return bad('金额必须是非负整数分')
  const yuan = Math.floor(value / 100)
  const text = `${yuan}.${String(value % 100).padStart(2, '0')}`
  if (text.replace('.', '').length > LIMITS.amountDigits) return bad('金额超过 10 位数字')
  return good(`¥${text}`)
}

function formatName(text: string): Formatted {
  const latin = /^[A-Za-z .'-]+$/.test(text)
  return good(truncate(text, latin ? LIMITS.nameLatin : LIMITS.nameChinese))
}

function formatCarNumber(text: string): Formatted {
  const plate = text.replace(/[\s·•-]/g, '').toUpperCase()
  if (!/^[\u4e00-\u9fa5A-Z0-9][A-Z0-9]{4,6}[\u4e00-\u9fa5A-Z0-9]?$/.test(plate))
    return bad('车牌号格式不正确')
  return chars(plate).length <= LIMITS.car_number ? good(plate) : bad('车牌号超过 8 位')
}

/** Keeps only the characters `allowed` matches, then checks the result is non-empty and short. */
function filtered(text: string, allowed: RegExp, max: number, what: string): Formatted {
  const kept = chars(text)
    .filter((char) => allowed.test(char))
    .join('')
  if (!kept) return bad(`${what}为空或含不允许的字符`)
  return chars(kept).length <= max ? good(kept) : good(chars(kept).slice(0, max).join(''))
}

export function formatField(type: FieldType, value: FieldValue, options: string[] = []): Formatted {
  if (value === null || value === undefined || value === '') return bad('缺少取值')
  if (type === 'time' || type === 'date') return formatDate(value, type === 'time')
  if (type === 'amount') return formatAmount(value)
  const text = String(value).trim()
  if (!text) return bad('缺少取值')
  switch (type) {
    case 'thing':
      return good(truncate(text.replace(/\s+/g, ' '), LIMITS.thing))
    case 'phrase': {
      const phrase = PHRASES[text] ?? (PHRASE_WORDS.has(text) ? text : null)
      return phrase ? good(phrase) : bad(`“${truncate(text, 10)}”不在状态词表中`)
    }
    case 'character_string':
      return filtered(text, /[\x21-\x7e]/, LIMITS.character_string, '编号')
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(text) && text.replace(/[-.]/g, '').length <= LIMITS.number
        ? good(text)
        : bad('数字格式不正确或超过 32 位')
    case 'letter':
      return filtered(text, /[A-Za-z]/, LIMITS.letter, '字母')
    case 'symbol':
      return filtered(text, /[^\sA-Za-z0-9\u4e00-\u9fa5]/, LIMITS.symbol, '符号')
    case 'phone_number':
      return /^[+\d][\d\s-]*$/.test(text) && chars(text).length <= LIMITS.phone_number
        ? good(text)
        : bad('电话号码格式不正确或超过 17 位')
    case 'car_number':
      return formatCarNumber(text)
    case 'name':
      return formatName(text)
    case 'enum':
      return options.includes(text) ? good(text) : bad(`“${truncate(text, 10)}”不是可选值`)
  }
}

export type TemplateData = Record<string, { value: string }>

/** The `data` of a send; the first field that cannot be formatted names itself in the reason. */
export function formatTemplateData(
  template: MessageTemplate,
  values: Record<string, FieldValue>,
): { ok: true; data: TemplateData } | { ok: false; reason: string } {
  const data: TemplateData = {}
  for (const field of template.fields) {
    const formatted = formatField(field.type, values[field.value], field.options)
    if (!formatted.ok)
      return { ok: false, reason: `${field.key}（${field.label}）：${formatted.reason}` }
    data[field.key] = { value: formatted.value }
  }
  return { ok: true, data }
}

/** Label/value rows for the in-app list; fields that cannot be formatted are left out. */
export function inAppLines(
  template: MessageTemplate,
  values: Record<string, FieldValue>,
): { label: string; value: string }[] {
  return template.fields.flatMap((field) => {
    const formatted = formatField(field.type, values[field.value], field.options)
    return formatted.ok ? [{ label: field.label, value: formatted.value }] : []
  })
}
