// Contracts of the order function's after-sales reads and withdrawal (the order page's 售后
// section, main package). The request itself is in after-sales-request.ts, so its checks load
// only with the service subpackage's form.
import type { AfterSalesKind, AfterSalesRecord } from '../after-sales'
import type { AlterableSize } from '../after-sales-rules'
import type { RefundState } from '../payment'
import { FUNCTIONS } from '../names'
import { id, object } from '../validate'
import { contractsOf, returns } from './contract'

const action = contractsOf(FUNCTIONS.order)

export const afterSalesApi = {
  /**
   * The order's requests, newest first; for the owner also the kinds that may be asked now and
   * the sizes 改尺寸 may change (the 申请售后 form needs nothing else). A return's `refundState`
   * is its refund's on the order's payment (null when it has none).
   */
  afterSales: action(
    'afterSales',
    object({ orderId: id('订单') }),
    returns<{
      items: (AfterSalesRecord & { refundState: RefundState | null })[]
      offered: AfterSalesKind[]
      windowDays: number
      sizes: AlterableSize[]
    }>(),
  ),
  withdrawAfterSales: action(
    'withdrawAfterSales',
    object({ afterSalesId: id('售后申请') }),
    returns<{ request: AfterSalesRecord }>(),
  ),
}
