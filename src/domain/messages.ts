// Subscribe messages: the purposes a message can have, what the client reports after
// requestSubscribeMessage, and the views the `message` function returns. The rules (ledger,
// formatting, quiet hours) live beside this in message-*.ts; template ids in config.
/**
 * Why a message was held (shown in-app only), stored on the outbox row as `holdReason` so the
 * customer's list and the merchant's dashboard tell the real reason, not always "no credit".
 */
export const HOLD_REASON_CODES = [
  'no_credit',
  'disabled',
  'main_off',
  'daily_cap',
  'interrupted',
] as const
export type HoldReason = (typeof HOLD_REASON_CODES)[number]

export const MESSAGE_PURPOSES = [
  'order_confirmed',
  'production_started',
  'shipped',
  'delivered',
  'exception_needs_choice',
  'order_delayed',
  'payment_succeeded',
  'delivery_window',
  'refill_reminder',
  'wake_up',
  'care',
  'appointment_reminder',
  'after_sales_update',
  'balance_due',
] as const
export type MessagePurpose = (typeof MESSAGE_PURPOSES)[number]

/** A tap that may ask for subscriptions, and the purposes asked for there (WeChat allows 3). */
export const TAP_POINT_PURPOSES = {
  submitOrder: ['order_confirmed', 'production_started', 'shipped'],
  // A preorder with a deposit: the 尾款 is asked for when the batch fills, maybe weeks later.
  submitDepositOrder: ['balance_due', 'production_started', 'shipped'],
  // Shipping is asked at submit; here what a customer following the order wants next.
  // 签收 is seen at the door; choosing when it comes needs telling (delivery_window).
  openTracking: ['order_delayed', 'delivery_window', 'exception_needs_choice'],
  reorder: ['order_confirmed', 'shipped', 'delivered'],
  // 去支付 on the order page: paying later, so the receipt and the first nodes are asked here.
  payOrder: ['payment_succeeded', 'order_confirmed', 'production_started'],
  // 我的补货: a customer keeping consumables may also allow 好久不见 (a due refill is its first reason).
  refills: ['refill_reminder', 'wake_up'],
  // 确认收货 or a care answer: what comes after delivery is looking after the made good.
  careTasks: ['care'],
  bookDesigner: ['appointment_reminder'],
  // 确认预约 of a home visit: the timer reminds the evening before (visit-reminder.ts).
  bookVisit: ['appointment_reminder'],
  // 提交申请 on the 申请售后 form: the shop's answers (受理 / 不受理 / 完成) come later.
  requestAfterSales: ['after_sales_update'],
} as const satisfies Record<string, readonly MessagePurpose[]>
export type TapPoint = keyof typeof TAP_POINT_PURPOSES

/** Per template in a requestSubscribeMessage success result. */
export const AUTHORIZATION_RESULTS = ['accept', 'reject', 'ban', 'filter'] as const
export type AuthorizationResult = (typeof AUTHORIZATION_RESULTS)[number]
/** `getSetting({withSubscriptions: true}).subscriptionsSetting.itemSettings` values ("always"). */
export const ALWAYS_SETTINGS = ['accept', 'reject', 'ban'] as const
export type AlwaysSetting = (typeof ALWAYS_SETTINGS)[number]

/** message.authorize payload. */
export interface AuthorizeInput {
  results: { purpose: MessagePurpose; result: AuthorizationResult }[]
  /** What getSetting reported for these purposes; absent = not ticked. */
  always?: { purpose: MessagePurpose; setting: AlwaysSetting }[]
  /** getSetting's mainSwitch; false means the user switched all subscriptions off (20004). */
  mainSwitch?: boolean
}

/** One row of the 订阅设置 page. */
export interface SubscriptionSetting {
  purpose: MessagePurpose
  title: string
  description: string
  /** The user's on/off preference; off stops sends even with credits left. */
  enabled: boolean
  credits: number
  always: AlwaysSetting | null
  /** Refused for good (ban, or "always" reject): the app never asks for it again. */
  refused: boolean
}

export interface MessageSettings {
  items: SubscriptionSetting[]
  mainSwitch: boolean
  /** Sends allowed during quiet hours (22:00–08:00 China time by default). */
  quietHoursOptIn: boolean
  quietHours: { start: string; end: string }
  dailyCap: number
}

/** message.setPreference payload: one of the two. */
export type PreferenceInput =
  { purpose: MessagePurpose; enabled: boolean } | { quietHoursOptIn: boolean }

/**
 * Outbox states. pending/retry wait for the notifier; sending is claimed (lease);
 * held = no credit, kind off or cap reached: shown in-app only; dead = a permanent failure.
 */
export const OUTBOX_STATUSES = ['pending', 'retry', 'sending', 'sent', 'held', 'dead'] as const
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number]

/** An in-app message (message.inbox), whether or not WeChat delivered it. */
export interface InAppMessage {
  id: string
  purpose: MessagePurpose
  title: string
  lines: { label: string; value: string }[]
  /** The page the message opens, e.g. pages/order/index?id=… */
  page: string
  status: OutboxStatus
  /** Why a held message was held (null: not held, or held before reasons were stored). */
  holdReason: HoldReason | null
  createdAt: Date
}

/** message.deadLetters (merchants). */
export interface DeadLetterView {
  id: string
  purpose: MessagePurpose
  title: string
  orderNo: string | null
  /** Masked OPENID; merchants never see the full one. */
  to: string
  errcode: number | null
  reason: string
  attempts: number
  createdAt: Date
  deadAt: Date
}
