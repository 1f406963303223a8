import { merchantApi } from '@/domain/api/merchant'
import { FUNCTIONS } from '@/domain/names'
import { createRouter } from '@/cloud/router'
import { actMany } from './actions/act-many'
import { afterSalesQueue, decideAfterSales } from './actions/after-sales'
import { decideAfterSalesMany } from './actions/after-sales-many'
import { adjustStock } from './actions/adjust-stock'
import { batches, cancelBatch, closeBatch } from './actions/batches'
import { csInbox } from './actions/cs-inbox'
import { csReply } from './actions/cs-reply'
import { dashboard } from './actions/dashboard'
import { insights } from './actions/insights'
import { flagStockOut } from './actions/flag-stock-out'
import { addMerchant, merchants, removeMerchant } from './actions/merchants'
import { failedRefunds, reconciliation, refundOrder, retryRefund } from './actions/money'
import { saveMaterial } from './actions/save-material'
import { stock } from './actions/stock'

export const main = createRouter(FUNCTIONS.merchant, merchantApi, {
  actMany: actMany,
  stock: stock,
  saveMaterial: saveMaterial,
  adjustStock: adjustStock,
  flagStockOut: flagStockOut,
  batches: batches,
  closeBatch: closeBatch,
  cancelBatch: cancelBatch,
  dashboard: dashboard,
  merchants: merchants,
  addMerchant: addMerchant,
  removeMerchant: removeMerchant,
  refundOrder: refundOrder,
  retryRefund: retryRefund,
  reconciliation: reconciliation,
  failedRefunds: failedRefunds,
  afterSalesQueue: afterSalesQueue,
  decideAfterSales: decideAfterSales,
  decideAfterSalesMany: decideAfterSalesMany,
  csInbox: csInbox,
  csReply: csReply,
  insights: insights,
})
