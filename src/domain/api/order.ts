// Contracts of the order function: quotes, placing and reading orders, the merchant's board, and
// one state-machine event on one order.
import type { SlotRecommendation } from '../recommend-slots'
import { addressCheck } from '../address'
import type { CouponRecord } from '../coupon'
import { BOARD_FOCUSES } from '../board'
import { pagingFields } from '../cursor'
import type { BoardView } from '../merchant-views'
import { FUNCTIONS } from '../names'
import { ORDER_TABS } from '../order-labels'
import type { EventPayload } from '../order-input'
import type { OrderSelection } from '../order-selection'
import { ORDER_NODES, type ActorRole, type OrderEvent, type OrderRecord } from '../order-types'
import type { WxPayment } from '../payment'
import type { Quote } from '../pricing'
import type { RatingRecord } from '../rating'
import {
  boolean,
  checkedLater,
  id,
  integer,
  noPayload,
  object,
  oneOf,
  optional,
  string,
  type Check,
} from '../validate'
import { contractsOf, returns } from './contract'

const action = contractsOf(FUNCTIONS.order)

/** A coupon priced on a quote: its discount and what is left to pay, or why it cannot be used. */
export type QuotedCoupon =
  | { couponId: string; usable: true; discountFen: number; payFen: number }
  | { couponId: string; usable: false; message: string }

/** A selection is checked against its product (validateOrderSelection) inside the action. */
const selection = checkedLater as Check<unknown, OrderSelection>

export const orderApi = {
  /** With `couponId`: also what the caller's coupon takes off (it is only read, not reserved). */
  quote: action(
    'quote',
    object({ productId: id('商品'), selection, couponId: optional(id('优惠券')) }),
    returns<{ quote: Quote; coupon?: QuotedCoupon }>(),
  ),
  create: action(
    'create',
    object({
      requestId: id('请求编号'),
      productId: id('商品'),
      selection,
      address: addressCheck,
      profileId: optional(id('量体档案')),
      /** Spent on this order; create re-checks it in the order's transaction (COUPON_UNUSABLE). */
      couponId: optional(id('优惠券')),
    }),
    returns<{ order: OrderRecord }>(),
  ),
  reorder: action(
    'reorder',
    object({ orderId: id('订单'), requestId: id('请求编号') }),
    returns<{ order: OrderRecord }>(),
  ),
  detail: action(
    'detail',
    object({ orderId: id('订单') }),
    returns<{
      order: OrderRecord
      role: ActorRole
      actions: OrderEvent[]
      /** For a merchant only: the order's rating, or null (the owner's page reads `rating`). */
      rating?: RatingRecord | null
      /** For the owner of a completed order: 为你推荐 (slot `order_done`). */
      recommendations?: { personalised: boolean; items: SlotRecommendation[] }
    }>(),
  ),
  mine: action(
    'mine',
    optional(
      object({
        tab: optional(oneOf('订单分类', ORDER_TABS)),
        ...pagingFields(20, 'instant'),
        /** On the first page: also count the caller's orders with an open exception. */
        countExceptions: optional(boolean('异常计数')),
      }),
    ),
    returns<{ items: OrderRecord[]; nextCursor: string | null; exceptions?: number }>(),
  ),
  board: action(
    'board',
    optional(
      object({
        node: optional(oneOf('订单节点', ORDER_NODES)),
        ...pagingFields(50, 'date'),
        /** An order number (or its last part), or the last 4 digits of the customer's phone. */
        search: optional(string({ label: '搜索内容', max: 30, oneLine: true })),
        productId: optional(id('商品')),
        urgent: optional(boolean('加急筛选')),
        /** The summary cards: only the 逾期 or 异常 orders, across the workshop's nodes. */
        only: optional(oneOf('看板筛选', BOARD_FOCUSES)),
      }),
    ),
    returns<BoardView>(),
  ),
  /** Starts a WeChat Pay attempt for the caller's unpaid order: what wx.requestPayment takes. */
  pay: action(
    'pay',
    object({ orderId: id('订单') }),
    returns<{ payment: WxPayment; outTradeNo: string; order: OrderRecord }>(),
  ),
  act: action(
    'act',
    // The event's input is checked by its own check (order-input.ts) once the order is read.
    object({
      orderId: id('订单'),
      event: string({ label: '操作', max: 40, oneLine: true }),
      input: optional(checkedLater),
      expectedVersion: optional(integer({ label: '订单版本', min: 1, max: 1_000_000 })),
    }) as Check<
      { orderId: string; event: string; input?: unknown; expectedVersion?: number },
      { orderId: string; expectedVersion?: number } & EventPayload
    >,
    returns<{ order: OrderRecord; actions: OrderEvent[] }>(),
  ),
  /** The caller's own coupons, usable first (the 优惠券 page and the confirm page's choices). */
  coupons: action('coupons', noPayload, returns<{ items: CouponRecord[] }>()),
}
