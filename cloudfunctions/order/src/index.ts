import { afterSalesApi } from '@/domain/api/after-sales'
import { afterSalesRequestApi } from '@/domain/api/after-sales-request'
import { afterSalesShipmentApi } from '@/domain/api/after-sales-shipment'
import { orderApi } from '@/domain/api/order'
import { ratingApi } from '@/domain/api/rating'
import { rateOrderApi } from '@/domain/api/rating-order'
import { FUNCTIONS, TIMER_TRIGGERS } from '@/domain/names'
import { createRouter } from '@/cloud/router'
import { act } from './actions/act'
import {
  listAfterSales,
  requestAfterSales,
  sendAfterSalesItem,
  withdrawAfterSales,
} from './actions/after-sales'
import { board } from './actions/board'
import { coupons } from './actions/coupons'
import { create } from './actions/create'
import { detail } from './actions/detail'
import { mine } from './actions/mine'
import { pay } from './actions/pay'
import { quote } from './actions/quote'
import { rateOrder, rating } from './actions/rating'
import { reorder } from './actions/reorder'
import { housekeeping } from './timer'

export const main = createRouter(
  FUNCTIONS.order,
  {
    ...orderApi,
    ...afterSalesApi,
    ...afterSalesRequestApi,
    ...afterSalesShipmentApi,
    ...ratingApi,
    ...rateOrderApi,
  },
  {
    quote: quote,
    create: create,
    reorder: reorder,
    detail: detail,
    mine: mine,
    board: board,
    act: act,
    pay: pay,
    coupons: coupons,
    requestAfterSales: requestAfterSales,
    afterSales: listAfterSales,
    withdrawAfterSales: withdrawAfterSales,
    sendAfterSalesItem: sendAfterSalesItem,
    rateOrder: rateOrder,
    rating: rating,
  },
  { trigger: TIMER_TRIGGERS.order, run: housekeeping },
)
