// 评价 on a done visit: 准时 and 专业, 1–5 stars each, once (the cloud refuses a second rating).
// The stars chosen stay on the form when the call fails.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { visitApi } from '@/domain/api/visit'
import { callCloud } from '@/services/cloud'
import { toast } from '@/services/feedback'
import type { RunChange, VisitRow } from './use-visits'

const ASPECTS = [
  { key: 'punctuality', label: '准时' },
  { key: 'professionalism', label: '专业' },
] as const
type Aspect = (typeof ASPECTS)[number]['key']
const PLACES = [1, 2, 3, 4, 5]

interface RateFormProps {
  visit: VisitRow
  busy: boolean
  change: RunChange
}

export default function RateForm({ visit, busy, change }: RateFormProps) {
  const [scores, setScores] = useState<Partial<Record<Aspect, number>>>({})
  const [error, setError] = useState('')

  const rate = async () => {
    const missing = ASPECTS.find((aspect) => !scores[aspect.key])
    if (missing) return setError(`请为${missing.label}打分`)
    setError('')
    const payload = {
      visitId: visit.id,
      punctuality: scores.punctuality!,
      professionalism: scores.professionalism!,
    }
    const result = await change(() => callCloud(visitApi.rate, payload))
    if (!result) return
    if (!result.ok) return setError(result.message)
    toast('感谢你的评价')
  }

  return (
    <View className={`visit-rate visit-rate--${visit.kind}`}>
      <Text className="visit-rate__title">评价这次上门</Text>
      {ASPECTS.map(({ key, label }) => (
        <View key={key} className="visit-rate__row">
          <Text className="visit-rate__label">{label}</Text>
          {PLACES.map((place) => (
            <View
              key={place}
              className={`visit-star visit-star--${visit.kind}-${key}-${place}${place <= (scores[key] ?? 0) ? ' visit-star--on' : ''}`}
              onClick={() => setScores({ ...scores, [key]: place })}
            >
              <Text>★</Text>
            </View>
          ))}
        </View>
      ))}
      {error ? <Text className="visit-rate__error">{error}</Text> : null}
      <View
        className={`visit-rate__submit visit-rate__submit--${visit.kind}${busy ? ' is-busy' : ''}`}
        onClick={() => void rate()}
      >
        <Text>{busy ? '提交中…' : '提交评价'}</Text>
      </View>
    </View>
  )
}
