// The staff member's report on a finished visit: the measured sizes by their labels, the photos
// (tap for WeChat's viewer) and the note; on a measuring visit, 确认尺寸 makes the sizes the
// order's, and with a name also a 量体档案 (which needs the measurement consent).
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Switch, Text, View } from '@tarojs/components'
import { visitApi } from '@/domain/api/visit'
import { PROFILE_NAME_MAX } from '@/domain/measurement-profile'
import PhotoStrip from '@/components/photo-strip'
import { ACCOUNT_PAGES } from '@/routes'
import { callCloud } from '@/services/cloud'
import { toast } from '@/services/feedback'
import type { RunChange, VisitOrder, VisitRow } from './use-visits'

interface VisitReportProps {
  visit: VisitRow
  sizes: VisitOrder['sizes']
  busy: boolean
  change: RunChange
}

export default function VisitReport({ visit, sizes, busy, change }: VisitReportProps) {
  const [saving, setSaving] = useState(false)
  const [name, setName] = useState('')
  const [error, setError] = useState<{ message: string; code: string } | null>(null)
  const report = visit.report
  if (!report) return null
  const measured = Object.entries(report.measurements).map(([id, value]) => {
    const size = sizes.find((s) => s.id === id)
    return { id, label: size?.label ?? id, text: `${value} ${size?.unit ?? 'cm'}` }
  })
  const confirmable = measured.length > 0 && visit.node === 'done'

  const confirm = async () => {
    if (saving && !name.trim()) return setError({ code: '', message: '请填写档案名称' })
    setError(null)
    const payload = { visitId: visit.id, ...(saving ? { profileName: name.trim() } : {}) }
    const result = await change(() => callCloud(visitApi.confirmSizes, payload))
    if (!result) return
    if (!result.ok) return setError(result)
    toast(result.data.profileId ? '尺寸已确认，并存为量体档案' : '尺寸已确认')
  }

  return (
    <View className="visit-report">
      <Text className="visit-report__title">上门报告</Text>
      {measured.map((row) => (
        <View key={row.id} className={`visit-report__size visit-report__size--${row.id}`}>
          <Text className="visit-report__label">{row.label}</Text>
          <Text className="visit-report__value">{row.text}</Text>
        </View>
      ))}
      <PhotoStrip photos={report.photos} />
      {report.note ? <Text className="visit-report__note">{report.note}</Text> : null}
      {!confirmable ? null : visit.sizesConfirmedAt ? (
        <Text className="visit-report__confirmed">已确认：订单按这些尺寸制作</Text>
      ) : (
        <View className="visit-confirm">
          <View className="visit-confirm__save">
            <Text>同时存为量体档案</Text>
            <Switch
              className="visit-confirm__switch"
              checked={saving}
              color="#b4532a"
              onChange={(e) => setSaving(e.detail.value)}
            />
          </View>
          {saving ? (
            <Input
              className="visit-confirm__name"
              value={name}
              maxlength={PROFILE_NAME_MAX}
              placeholder="档案名称，如：客厅窗户"
              onInput={(e) => setName(e.detail.value)}
            />
          ) : null}
          {error ? (
            <Text className="visit-confirm__error">
              {error.message}
              {error.code === 'CONSENT_REQUIRED' ? (
                <Text
                  className="visit-confirm__consent"
                  onClick={() => void Taro.navigateTo({ url: ACCOUNT_PAGES.profiles })}
                >
                  {' '}
                  去查看说明
                </Text>
              ) : null}
            </Text>
          ) : null}
          <View
            className={`visit-confirm__submit${busy ? ' is-busy' : ''}`}
            onClick={() => void confirm()}
          >
            <Text>{busy ? '提交中…' : '确认尺寸'}</Text>
          </View>
        </View>
      )}
    </View>
  )
}
