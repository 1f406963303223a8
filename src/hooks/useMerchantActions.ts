// Calls of the merchant function that change things; pages confirm first and report the result.
import { merchantApi } from '@/domain/api/merchant'
import type { InputOf } from '@/domain/api/contract'
import { callCloud } from '@/services/cloud'

type Input<K extends keyof typeof merchantApi> = InputOf<(typeof merchantApi)[K]>

export const merchantActions = {
  actMany: (input: Input<'actMany'>) => callCloud(merchantApi.actMany, input),
  saveMaterial: (input: Input<'saveMaterial'>) => callCloud(merchantApi.saveMaterial, input),
  adjustStock: (input: Input<'adjustStock'>) => callCloud(merchantApi.adjustStock, input),
  flagStockOut: (input: Input<'flagStockOut'>) => callCloud(merchantApi.flagStockOut, input),
  closeBatch: (batchId: string) => callCloud(merchantApi.closeBatch, { batchId }),
  cancelBatch: (batchId: string, note: string) =>
    callCloud(merchantApi.cancelBatch, { batchId, note }),
}
