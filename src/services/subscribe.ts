// Asking for subscribe messages at a tap point. WeChat only shows its sheet when
// requestSubscribeMessage runs inside a tap's call chain, so the request starts synchronously,
// from the settings cached by the last message.settings call, never after a network wait.
// Nothing here throws or fails the tap's own action: every outcome is logged and recorded.
import type { InputOf } from '@/domain/api/contract'
import { messageApi } from '@/domain/api/message'
import Taro from '@tarojs/taro'
import { templateIdOf } from '@/domain/message-templates'
import {
  TAP_POINT_PURPOSES,
  type MessagePurpose,
  type MessageSettings,
  type TapPoint,
} from '@/domain/messages'
import type { Result } from '@/domain/result'
import {
  authorizeInputFrom,
  failOutcome,
  purposesToAsk,
  type SubscriptionsSnapshot,
} from '@/domain/subscribe-request'
import { callCloud } from './cloud'
import { toast } from './feedback'
import { onLocalIdentityChange } from './local-identity'
import { simulatedRequestSubscribeMessage, simulatedSubscriptionsSetting } from './subscribe-sheet'

const templates = { idOf: templateIdOf }

let cached: MessageSettings | undefined
/** Bumped on an H5 identity switch, so a reply for the previous identity is not remembered. */
let identityGeneration = 0

export function cachedMessageSettings(): MessageSettings | undefined {
  return cached
}

/** message.settings, remembered for the next tap's request. */
export async function loadMessageSettings(): Promise<Result<MessageSettings>> {
  const generation = identityGeneration
  const result = await callCloud(messageApi.settings)
  if (result.ok && generation === identityGeneration) cached = result.data
  return result
}

// H5: another demo identity has other settings.
if (process.env.TARO_ENV === 'h5') {
  onLocalIdentityChange(() => {
    identityGeneration += 1
    cached = undefined
  })
}

export interface SubscriptionRequest {
  asked: MessagePurpose[]
  /** Settles once the sheet is answered, failed or skipped; never rejects. */
  answered: Promise<void>
  /** The settings after the answer is recorded; undefined when nothing was recorded. */
  recorded: Promise<MessageSettings | undefined>
}

type Answer = { ok: true; result: Record<string, unknown> } | { ok: false; errCode: unknown }

function requestSheet(tmplIds: string[]): Promise<Record<string, unknown>> {
  if (process.env.TARO_ENV === 'h5') return simulatedRequestSubscribeMessage(tmplIds)
  // Taro's typing wants entityIds (Alipay's field) too; WeChat only takes tmplIds.
  const option = { tmplIds } as Taro.requestSubscribeMessage.Option
  return Taro.requestSubscribeMessage(option) as Promise<Record<string, unknown>>
}

export async function readSubscriptionsSetting(): Promise<SubscriptionsSnapshot | undefined> {
  try {
    if (process.env.TARO_ENV === 'h5') return await simulatedSubscriptionsSetting()
    const setting = await Taro.getSetting({ withSubscriptions: true })
    return setting.subscriptionsSetting as SubscriptionsSnapshot | undefined
  } catch (error) {
    console.warn('[subscribe] getSetting 失败，只记录本次结果', error)
    return undefined
  }
}

async function authorize(
  payload: InputOf<typeof messageApi.authorize>,
): Promise<MessageSettings | undefined> {
  const result = await callCloud(messageApi.authorize, payload)
  if (!result.ok) {
    console.warn('[subscribe] 记录授权结果失败', result.code, result.message)
    return undefined
  }
  cached = result.data
  return result.data
}

async function record(asked: MessagePurpose[], answer: Answer) {
  if (!answer.ok) {
    if (failOutcome(answer.errCode) === 'switched_off') {
      return authorize({ results: [], mainSwitch: false })
    }
    console.warn('[subscribe] 未能请求订阅，跳过', answer.errCode)
    return undefined
  }
  const setting = await readSubscriptionsSetting()
  return authorize(authorizeInputFrom(asked, answer.result, templates, setting))
}

/** Asks for the tap's subscriptions (or the given purposes); call it first in the tap handler. */
export function askForSubscriptions(
  tap: TapPoint | readonly MessagePurpose[],
): SubscriptionRequest {
  const wanted = typeof tap === 'string' ? TAP_POINT_PURPOSES[tap as TapPoint] : tap
  const asked = purposesToAsk(wanted, cached)
  if (asked.length === 0) {
    return { asked, answered: Promise.resolve(), recorded: Promise.resolve(undefined) }
  }
  let sheet: Promise<Record<string, unknown>>
  try {
    sheet = requestSheet(asked.map(templateIdOf))
  } catch (error) {
    sheet = Promise.reject(error)
  }
  const answer: Promise<Answer> = sheet.then(
    (result) => ({ ok: true, result }),
    (error: unknown) => ({ ok: false, errCode: (error as { errCode?: unknown })?.errCode }),
  )
  const recorded = answer
    .then((settled) => record(asked, settled))
    .catch((error: unknown) => {
      console.warn('[subscribe] 记录授权结果出错', error)
      return undefined
    })
  return { asked, answered: answer.then(() => undefined), recorded }
}

/** WeChat's settings page, where the user turns subscriptions (or one kind) back on. */
export function openSubscriptionSettings(): void {
  if (process.env.TARO_ENV === 'h5') return toast('本地模式没有微信设置页，请在真机上打开')
  void Taro.openSetting({ withSubscriptions: true }).catch((error: unknown) =>
    console.warn('[subscribe] 打开设置页失败', error),
  )
}
