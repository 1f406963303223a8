// Calls of the merchant function that change things; pages confirm first and report the result.
import type {
  ActManyInput,
  ActManyView,
  AdjustStockInput,
  AdjustStockView,
  BatchActionView,
  FlagStockOutInput,
  SaveMaterialView,
} from '@/domain/merchant-views'
import type { SaveMaterialPayload } from '@/domain/api/merchant'
import { ACTIONS, FUNCTIONS } from '@/domain/names'
import { callCloud } from '@/services/cloud'

const merchant = <T>(action: string, payload?: object) =>
  callCloud<T>(FUNCTIONS.merchant, action, payload)

export const merchantActions = {
  actMany: (input: ActManyInput) => merchant<ActManyView>(ACTIONS.merchant.actMany, input),
  saveMaterial: (input: SaveMaterialPayload) =>
    merchant<SaveMaterialView>(ACTIONS.merchant.saveMaterial, input),
  adjustStock: (input: AdjustStockInput) =>
    merchant<AdjustStockView>(ACTIONS.merchant.adjustStock, input),
  flagStockOut: (input: FlagStockOutInput) =>
    merchant<ActManyView>(ACTIONS.merchant.flagStockOut, input),
  closeBatch: (batchId: string) =>
    merchant<BatchActionView>(ACTIONS.merchant.closeBatch, { batchId }),
  cancelBatch: (batchId: string, note: string) =>
    merchant<BatchActionView>(ACTIONS.merchant.cancelBatch, { batchId, note }),
}
