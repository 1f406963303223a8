// Contracts of the message function (subscribe-message credits, preferences, the inbox).
import { pagingFields } from '../cursor'
import {
  ALWAYS_SETTINGS,
  AUTHORIZATION_RESULTS,
  MESSAGE_PURPOSES,
  type DeadLetterView,
  type InAppMessage,
  type MessageSettings,
} from '../messages'
import { FUNCTIONS } from '../names'
import { array, boolean, id, noPayload, object, oneOf, optional } from '../validate'
import { contractsOf, returns } from './contract'

const action = contractsOf(FUNCTIONS.message)
const purpose = oneOf('消息类型', MESSAGE_PURPOSES)

export const messageApi = {
  authorize: action(
    'authorize',
    object({
      results: array(object({ purpose, result: oneOf('授权结果', AUTHORIZATION_RESULTS) }), {
        label: '授权结果',
        min: 0,
        max: MESSAGE_PURPOSES.length,
      }),
      always: optional(
        array(object({ purpose, setting: oneOf('总是保持的选择', ALWAYS_SETTINGS) }), {
          label: '总是保持的选择',
          min: 0,
          max: MESSAGE_PURPOSES.length,
        }),
      ),
      mainSwitch: optional(boolean('订阅消息总开关')),
    }),
    returns<MessageSettings>(),
  ),
  settings: action('settings', noPayload, returns<MessageSettings>()),
  setPreference: action(
    'setPreference',
    object({
      purpose: optional(purpose),
      enabled: optional(boolean('开关')),
      quietHoursOptIn: optional(boolean('夜间免打扰')),
    }),
    returns<MessageSettings>(),
  ),
  inbox: action(
    'inbox',
    optional(
      object({
        orderId: optional(id('订单')),
        ...pagingFields(20, 'instant'),
      }),
    ),
    returns<{ items: InAppMessage[]; nextCursor: string | null }>(),
  ),
  opened: action('opened', object({ messageId: id('消息') }), returns<{ counted: boolean }>()),
  deadLetters: action(
    'deadLetters',
    optional(
      object({
        ...pagingFields(50, 'instant'),
      }),
    ),
    returns<{ items: DeadLetterView[]; nextCursor: string | null }>(),
  ),
}
