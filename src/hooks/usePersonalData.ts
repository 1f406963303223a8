// 我的数据: export and delete the caller's personal data (user.exportData / user.deleteData).
// Loading and error per operation; deleting asks first, and also forgets the address this device
// remembered for the confirm page.
import { userApi } from '@/domain/api/user'
import { useCallback, useState } from 'react'
import Taro from '@tarojs/taro'
import type { PersonalDataDeletion, PersonalDataExport } from '@/domain/personal-data'
import type { Fail } from '@/domain/result'
import { callCloud } from '@/services/cloud'
import { confirmModal, toast } from '@/services/feedback'
import { forgetAddress } from './useAddress'

export type PersonalDataBusy = 'export' | 'delete' | null

export interface PersonalDataState {
  busy: PersonalDataBusy
  error: Fail | undefined
  exported: PersonalDataExport | undefined
  deleted: PersonalDataDeletion | undefined
  exportData: () => Promise<void>
  deleteData: () => Promise<void>
  copyExport: () => void
}

export function usePersonalData(): PersonalDataState {
  const [busy, setBusy] = useState<PersonalDataBusy>(null)
  const [error, setError] = useState<Fail>()
  const [exported, setExported] = useState<PersonalDataExport>()
  const [deleted, setDeleted] = useState<PersonalDataDeletion>()

  const exportData = useCallback(async () => {
    setBusy('export')
    setError(undefined)
    const result = await callCloud(userApi.exportData, {})
    setBusy(null)
    if (result.ok) setExported(result.data)
    else setError(result)
  }, [])

  const deleteData = useCallback(async () => {
    const confirmed = await confirmModal(
      '删除我的数据',
      '将删除量体档案、量体授权、订阅设置、补货提醒、预约信息、优惠券（含未使用的）和浏览与下单偏好，删除后无法恢复。已下的订单会保留收货信息，用于配送与售后。',
      { confirmText: '删除', confirmColor: '#c2413b' },
    )
    if (!confirmed) return
    setBusy('delete')
    setError(undefined)
    const result = await callCloud(userApi.deleteData, {
      confirm: true,
    })
    setBusy(null)
    if (!result.ok) {
      setError(result)
      return
    }
    setExported(undefined)
    setDeleted(result.data)
    forgetAddress()
  }, [])

  const copyExport = useCallback(() => {
    if (!exported) return
    Taro.setClipboardData({ data: JSON.stringify(exported, null, 2) }).then(
      () => toast('已复制，可粘贴保存'),
      () => toast('复制失败，请重试'),
    )
  }, [exported])

  return { busy, error, exported, deleted, exportData, deleteData, copyExport }
}
