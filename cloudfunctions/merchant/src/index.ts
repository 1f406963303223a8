import { ACTIONS, FUNCTIONS } from '@/domain/names'
import { createRouter } from '@/cloud/router'
import { actMany } from './actions/act-many'
import { adjustStock } from './actions/adjust-stock'
import { batches, cancelBatch, closeBatch } from './actions/batches'
import { dashboard } from './actions/dashboard'
import { flagStockOut } from './actions/flag-stock-out'
import { addMerchant, merchants, removeMerchant } from './actions/merchants'
import { saveMaterial } from './actions/save-material'
import { stock } from './actions/stock'

export const main = createRouter(FUNCTIONS.merchant, {
  [ACTIONS.merchant.actMany]: actMany,
  [ACTIONS.merchant.stock]: stock,
  [ACTIONS.merchant.saveMaterial]: saveMaterial,
  [ACTIONS.merchant.adjustStock]: adjustStock,
  [ACTIONS.merchant.flagStockOut]: flagStockOut,
  [ACTIONS.merchant.batches]: batches,
  [ACTIONS.merchant.closeBatch]: closeBatch,
  [ACTIONS.merchant.cancelBatch]: cancelBatch,
  [ACTIONS.merchant.dashboard]: dashboard,
  [ACTIONS.merchant.merchants]: merchants,
  [ACTIONS.merchant.addMerchant]: addMerchant,
  [ACTIONS.merchant.removeMerchant]: removeMerchant,
})
