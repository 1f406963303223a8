// Which subscriptions a tap asks for, and how WeChat's answer becomes message.authorize's payload.
// Template ids come in through a TemplateIds map so these rules stay independent of config.
import {
  ALWAYS_SETTINGS,
  AUTHORIZATION_RESULTS,
  type AlwaysSetting,
  type AuthorizationResult,
  type AuthorizeInput,
  type MessagePurpose,
  type MessageSettings,
} from './messages'

/** WeChat shows at most 3 templates per request (the English doc; design for the stricter one). */
export const MAX_TEMPLATES_PER_REQUEST = 3

export interface TemplateIds {
  idOf: (purpose: MessagePurpose) => string
}

/** getSetting({withSubscriptions: true}).subscriptionsSetting, as far as we read it. */
export interface SubscriptionsSnapshot {
  mainSwitch?: unknown
  itemSettings?: Record<string, unknown>
}

/**
 * The purposes to ask for: the wanted ones, once each, without those the user turned off or
 * refused for good, at most 3. Without known settings (first launch) every wanted purpose is
 * asked and WeChat itself applies the user's standing choices.
 */
export function purposesToAsk(
  wanted: readonly MessagePurpose[],
  settings?: Pick<MessageSettings, 'items'>,
): MessagePurpose[] {
  const known = new Map((settings?.items ?? []).map((item) => [item.purpose, item]))
  return [...new Set(wanted)]
    .filter((purpose) => {
      const item = known.get(purpose)
      return !item || (item.enabled && !item.refused)
    })
    .slice(0, MAX_TEMPLATES_PER_REQUEST)
}

const isResult = (value: unknown): value is AuthorizationResult =>
  (AUTHORIZATION_RESULTS as readonly unknown[]).includes(value)
const isAlways = (value: unknown): value is AlwaysSetting =>
  (ALWAYS_SETTINGS as readonly unknown[]).includes(value)

/** A requestSubscribeMessage success result (and getSetting's view) as message.authorize's payload. */
export function authorizeInputFrom(
  asked: readonly MessagePurpose[],
  answer: Record<string, unknown>,
  templates: TemplateIds,
  setting?: SubscriptionsSnapshot,
): AuthorizeInput {
  const results = asked.flatMap((purpose) => {
    const result = answer[templates.idOf(purpose)]
    return isResult(result) ? [{ purpose, result }] : []
  })
  const input: AuthorizeInput = { results }
  if (setting) {
    input.always = asked.flatMap((purpose) => {
      const value = setting.itemSettings?.[templates.idOf(purpose)]
      return isAlways(value) ? [{ purpose, setting: value }] : []
    })
    if (typeof setting.mainSwitch === 'boolean') input.mainSwitch = setting.mainSwitch
  }
  return input
}

/** requestSubscribeMessage fail codes we act on; every other code is skipped quietly. */
export const SUBSCRIBE_FAIL = {
  emptyList: 10001,
  networkSend: 10002,
  networkReceive: 10003,
  cannotShow: 10005,
  noTemplateData: 20001,
  tooMany: 20003,
  switchedOff: 20004,
} as const

export type FailOutcome = 'switched_off' | 'skipped'

/** 20004: the user switched all subscriptions off (recorded as mainSwitch false); else skip. */
export function failOutcome(errCode: unknown): FailOutcome {
  return errCode === SUBSCRIBE_FAIL.switchedOff ? 'switched_off' : 'skipped'
}

/** The "always" badge of a row: getSetting on the device wins over what the server last heard. */
export function alwaysFor(
  purpose: MessagePurpose,
  templates: TemplateIds,
  setting: SubscriptionsSnapshot | undefined,
  fallback: AlwaysSetting | null,
): AlwaysSetting | null {
  if (!setting?.itemSettings) return fallback
  const value = setting.itemSettings[templates.idOf(purpose)]
  return isAlways(value) ? value : null
}
