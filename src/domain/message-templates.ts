// Subscribe-message templates: which WeChat template each purpose uses and how its fields are
// filled. Ids and fields come from config/message-templates.json (placeholders in development;
// real ids from 公众平台 → 订阅消息 → 我的模板), never from code. Validated once at load.
import rawConfig from '../../config/message-templates.json'
import { MESSAGE_PURPOSES, type MessagePurpose } from './messages'
import { experimentProblems, type MessageExperiments } from './message-variants'

/** WeChat's value types for template keys (the key is the type plus a number, e.g. thing2). */
export const FIELD_TYPES = [
  'thing',
  'number',
  'letter',
  'symbol',
  'character_string',
  'time',
  'date',
  'amount',
  'phone_number',
  'car_number',
  'name',
  'phrase',
  'enum',
] as const
export type FieldType = (typeof FIELD_TYPES)[number]

export interface TemplateField {
  key: string
  type: FieldType
  /** Shown beside the value in the in-app message list. */
  label: string
  /** The name of the draft value that fills it (MessageDraft.values). */
  value: string
  /** The allowed values of an `enum` field. */
  options?: string[]
}

export interface MessageTemplate {
  templateId: string
  title: string
  description: string
  fields: TemplateField[]
}

export const MINIPROGRAM_STATES = ['developer', 'trial', 'formal'] as const
export type MiniprogramState = (typeof MINIPROGRAM_STATES)[number]

export interface MessageConfig {
  miniprogramState: MiniprogramState
  /** China time 'HH:mm'; the window may cross midnight (22:00–08:00). */
  quietHours: { start: string; end: string }
  /** Subscribe messages per user per China day. */
  dailyCap: number
  templates: Record<MessagePurpose, MessageTemplate>
  /** A/B variants of some purposes (message-variants.ts). */
  experiments?: MessageExperiments
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/
const TEMPLATE_ID = /^[A-Za-z0-9_-]{1,64}$/

/** Every problem with a configuration, as readable lines; empty when it is valid. */
export function configProblems(input: unknown): string[] {
  const problems: string[] = []
  const config = input as Partial<MessageConfig> | null
  if (typeof config !== 'object' || config === null) return ['配置必须是对象']
  if (!MINIPROGRAM_STATES.includes(config.miniprogramState as MiniprogramState))
    problems.push('miniprogramState 只能是 developer / trial / formal')
  if (!CLOCK.test(config.quietHours?.start ?? '') || !CLOCK.test(config.quietHours?.end ?? ''))
    problems.push('quietHours 需要 start / end，格式 HH:mm')
  if (!Number.isInteger(config.dailyCap) || (config.dailyCap as number) < 1)
    problems.push('dailyCap 必须是正整数')
  const ids = new Set<string>()
  for (const purpose of MESSAGE_PURPOSES) {
    const template = config.templates?.[purpose]
    if (!template) {
      problems.push(`缺少 ${purpose} 的模板`)
      continue
    }
    if (!TEMPLATE_ID.test(template.templateId ?? '')) problems.push(`${purpose}: templateId 不正确`)
    if (ids.has(template.templateId)) problems.push(`${purpose}: templateId 与其他用途重复`)
    ids.add(template.templateId)
    if (!template.title || !template.description) problems.push(`${purpose}: 缺少标题或说明`)
    if (!Array.isArray(template.fields) || template.fields.length === 0)
      problems.push(`${purpose}: 没有字段`)
    for (const field of template.fields ?? []) {
      const match = /^([a-z_]+?)(\d+)$/.exec(field.key ?? '')
      if (!FIELD_TYPES.includes(field.type)) problems.push(`${purpose}.${field.key}: 未知类型`)
      else if (!match || match[1] !== field.type)
        problems.push(`${purpose}.${field.key}: 字段名须为类型加序号，如 ${field.type}1`)
      if (!field.value || !field.label) problems.push(`${purpose}.${field.key}: 缺少取值名或标签`)
      if (field.type === 'enum' && !(field.options ?? []).length)
        problems.push(`${purpose}.${field.key}: enum 需要 options`)
    }
  }
  const shown = (purpose: MessagePurpose) =>
    MESSAGE_PURPOSES.includes(purpose)
      ? (config.templates?.[purpose]?.fields ?? []).map(({ value, type }) => ({ value, type }))
      : null
  return [...problems, ...experimentProblems(config.experiments, shown)]
}

function load(input: unknown): MessageConfig {
  const problems = configProblems(input)
  if (problems.length) throw new Error(`config/message-templates.json: ${problems.join('; ')}`)
  return input as MessageConfig
}

export const MESSAGE_CONFIG: MessageConfig = load(rawConfig)

export function templateOf(purpose: MessagePurpose): MessageTemplate {
  return MESSAGE_CONFIG.templates[purpose]
}

export function templateIdOf(purpose: MessagePurpose): string {
  return templateOf(purpose).templateId
}

export function purposeOfTemplateId(id: string): MessagePurpose | null {
  return MESSAGE_PURPOSES.find((purpose) => templateIdOf(purpose) === id) ?? null
}

export const MESSAGE_TITLES = Object.fromEntries(
  MESSAGE_PURPOSES.map((purpose) => [
    purpose,
    { title: templateOf(purpose).title, description: templateOf(purpose).description },
  ]),
) as Record<MessagePurpose, { title: string; description: string }>
