// The 申请售后 contract, apart from after-sales.ts so only the service subpackage (and the order
// function) load its checks.
import type { AfterSalesRecord } from '../after-sales'
import { afterSalesRequestCheck } from '../after-sales-input'
import { FUNCTIONS } from '../names'
import { contractsOf, returns } from './contract'

const action = contractsOf(FUNCTIONS.order)

export const afterSalesRequestApi = {
  /** 申请售后 on the caller's delivered order; a repeated requestId answers the same request. */
  requestAfterSales: action(
    'requestAfterSales',
    afterSalesRequestCheck,
    returns<{ request: AfterSalesRecord; repeated: boolean }>(),
  ),
}
