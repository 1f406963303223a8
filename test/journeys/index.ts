// Every shared journey, as each platform's test file runs it (test/e2e/journeys.test.ts on H5,
// test/weapp/journeys.test.ts on weapp).
import {
  finishedOrderReadsRight,
  followOrderAndChooseRemedy,
  leavingDuringTheSheetMakesOneOrder,
  privacyConsentBeforeTheAddress,
  refillAConsumable,
  reorderAPastOrder,
  turnOffAKindOfMessage,
  networkFailureKeepsInput,
  orderShirtAndSubscribe,
} from './consumer'
import type { JourneyContext } from './driver'
import { homeKnowsTheCustomer, picksOnACompletedOrder } from './personal'
import { openASentMessage } from './message-opened'
import { alterADeliveredShirt } from './after-sales'
import { declineTwoRequestsAtOnce } from './after-sales-batch'
import { returnAPaidOrder } from './return'
import { askWhereTheOrderIs } from './customer-service'
import {
  batchDepositRefundedWhenTheBatchIsCancelled,
  payTheBalanceOnceTheBatchFills,
} from './preorder'
import { chooseWhenToDeliver } from './delivery'
import { rateACompletedOrder } from './rating'
import { staffReportsFromTheBasement } from './visits'
import { ownerReassignsToLi, ownerRebooksAMissedVisit } from './visit-missed'
import { curtainMeasuredAndInstalled, rescheduleAVisit } from './visit-curtain'
import { ownerAddsWangWhoJoinsAndTakesADayOff } from './visit-staff'
import { bookingsListAndCancel } from './bookings'
import {
  boardShowsTheWorkWaiting,
  decisionOrdersStayInProgress,
  measurementsFollowTheProfile,
  profilesFitTheProduct,
} from './first-use'
import {
  cancelAfterPaymentRefunds,
  couponFromARemedySpentOnTheNextOrder,
  merchantRefundsPartOfAnOrder,
  payLaterFromTheOrderPage,
  unpaidOrderCancelsItself,
} from './payment'
import {
  merchantConfirmsTwoOrdersAtOnce,
  merchantFormsCheckLikeTheServer,
  merchantHandlesAnException,
  merchantShipsAnOrder,
} from './merchant'

export const JOURNEYS: [
  name: string,
  run: (ctx: JourneyContext) => Promise<void>,
  timeoutMs: number,
][] = [
  [
    'order a shirt with measurements and allow the messages at submit; back from the order goes home',
    orderShirtAndSubscribe,
    60_000,
  ],
  [
    'leaving while the sheet is up: the order is announced, and the same choices make no second one',
    leavingDuringTheSheetMakesOneOrder,
    60_000,
  ],
  [
    'the order page: the remedy chosen, the delayed date kept after a coupon, the quantity, no date once finished',
    finishedOrderReadsRight,
    60_000,
  ],
  ['follow an order and take the coupon when it is delayed', followOrderAndChooseRemedy, 60_000],
  [
    "the merchant's forms refuse what the server would, beside the field",
    merchantFormsCheckLikeTheServer,
    60_000,
  ],
  [
    'a lost network answer keeps the form and a retry places one order',
    networkFailureKeepsInput,
    60_000,
  ],
  [
    'the privacy guide comes before the address; refusing goes back',
    privacyConsentBeforeTheAddress,
    60_000,
  ],
  ['再来一单 on a past order asks for messages after the confirmation', reorderAPastOrder, 60_000],
  ['我的补货: stop the reminders, then 立即补货 from the same card', refillAConsumable, 60_000],
  ['turn off one kind of progress message in 订阅设置', turnOffAKindOfMessage, 60_000],
  [
    '张师傅 opens 我的任务, sets out, arrives, and a measuring report written without signal is kept and sent once',
    staffReportsFromTheBasement,
    90_000,
  ],
  [
    'a visit nobody reached is marked missed by the timer; the owner sees 已错过 on 派单 and books it again',
    ownerRebooksAMissedVisit,
    90_000,
  ],
  [
    '派单: the owner 改派 张师傅’s visit to 李师傅, and 张师傅’s 我的任务 no longer lists it',
    ownerReassignsToLi,
    90_000,
  ],
  [
    'a curtain with 上门测量安装: measuring booked from the order page, 张师傅 reports sizes with a photo, the customer confirms them, the installation is booked, done and rated once',
    curtainMeasuredAndInstalled,
    180_000,
  ],
  [
    '改约 a measuring visit: the old window is free for another customer and the 预约提醒 follows the new time',
    rescheduleAVisit,
    90_000,
  ],
  [
    '我的预约: the curtain’s visit and a designer appointment booked from its order page; 取消预约 asks, then the appointment is gone',
    bookingsListAndCancel,
    90_000,
  ],
  [
    'the merchant ships an order node by node; the customer sees it, confirms receipt and allows 保养提醒',
    merchantShipsAnOrder,
    90_000,
  ],
  [
    'the merchant flags a stock-out with a coupon; the customer takes it; the merchant resolves it',
    merchantHandlesAnException,
    90_000,
  ],
  [
    'the merchant confirms two orders at once from the board',
    merchantConfirmsTwoOrdersAtOnce,
    60_000,
  ],
  [
    'a profile made from 去建立 fills the measurements, and its edits too',
    measurementsFollowTheProfile,
    90_000,
  ],
  [
    '去建立 on the curtain makes a window profile; a shirt profile out of range says which field',
    profilesFitTheProduct,
    90_000,
  ],
  [
    'an order waiting for my decision stays in 进行中; 异常 shows the count',
    decisionOrdersStayInProgress,
    60_000,
  ],
  [
    'the board opens where work waits; 逾期 and 异常 open their lists; it is current after an order',
    boardShowsTheWorkWaiting,
    90_000,
  ],
  [
    'close the payment sheet, see 待付款 with its countdown, then 去支付 from the order page',
    payLaterFromTheOrderPage,
    90_000,
  ],
  [
    'an unpaid order past its time is cancelled by the timer; nothing to refund',
    unpaidOrderCancelsItself,
    90_000,
  ],
  ['cancelling a paid order shows 退款中, then 已退款', cancelAfterPaymentRefunds, 90_000],
  [
    'a preorder pays its 定金 only; the shop cancels the batch and the 定金 comes back',
    batchDepositRefundedWhenTheBatchIsCancelled,
    90_000,
  ],
  [
    'a preorder whose batch fills asks for the 尾款; 去支付 on the order page pays it and production starts',
    payTheBalanceOnceTheBatchFills,
    90_000,
  ],
  [
    'the home page knows the customer: the order in progress, 为你推荐 with its reason; 个性化推荐 off stops it',
    homeKnowsTheCustomer,
    90_000,
  ],
  [
    'a completed order shows 为你推荐; tapping one opens the product and the tap is counted',
    picksOnACompletedOrder,
    60_000,
  ],
  [
    'a coupon taken as a remedy is spent at confirm on the next order, then reads 已使用',
    couponFromARemedySpentOnTheNextOrder,
    90_000,
  ],
  [
    'choose 周末 for delivery on the order page; the merchant sees it on the order and the label',
    chooseWhenToDeliver,
    90_000,
  ],
  [
    'the merchant refunds part of a paid order after confirming; 对账 and the customer see it',
    merchantRefundsPartOfAnOrder,
    90_000,
  ],
  [
    'a delivered shirt’s sleeves shortened: 申请售后 改尺寸 袖长 −2cm with a photo, accepted with a plan, reworked, reshipped, completed and rated',
    alterADeliveredShirt,
    150_000,
  ],
  [
    '批量不受理 of two requests on the 售后 page: one declined with the reason, one already answered and named',
    declineTwoRequestsAtOnce,
    90_000,
  ],
  [
    'a paid shirt returned: accepted, 寄回信息 filled in, the shop’s 完成 refunds ¥399 and the customer reads 已退款',
    returnAPaidOrder,
    90_000,
  ],
  [
    'a completed shirt rated 5/4/5 with a text and a photo, shown on the order page, then 准时 changed to 4 and the photo taken away',
    rateACompletedOrder,
    90_000,
  ],
  [
    '联系客服 on a shipped order, then 到哪了 in the chat: answered at once with 已发货 and the tracking number; the 客服 page shows it',
    askWhereTheOrderIs,
    90_000,
  ],
  [
    'a sent 订单确认通知 opens the order page with its id: the open is counted once and 数据看板 shows one more opened',
    openASentMessage,
    90_000,
  ],
  // Last: 王师傅 then works every day (in 宝山区, which no other journey books).
  [
    'the owner adds 王师傅, who joins with the invite code; a day off takes him out of that day’s plan',
    ownerAddsWangWhoJoinsAndTakesADayOff,
    60_000,
  ],
]
