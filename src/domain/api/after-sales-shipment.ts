// The 寄回信息 contract, apart from after-sales.ts so only the service subpackage's form (and the
// order function) load its checks.
import type { AfterSalesRecord } from '../after-sales'
import { afterSalesShipmentCheck } from '../after-sales-shipment'
import { FUNCTIONS } from '../names'
import { contractsOf, returns } from './contract'

const action = contractsOf(FUNCTIONS.order)

export const afterSalesShipmentApi = {
  /** The owner's 寄回信息 on an accepted request; sent again, it replaces what was there. */
  sendAfterSalesItem: action(
    'sendAfterSalesItem',
    afterSalesShipmentCheck,
    returns<{ request: AfterSalesRecord }>(),
  ),
}
