// 师傅入驻 (issue 18): a person the owner added enters the invite code (or opens the link the
// owner shared, `?code=…`) and joins as 师傅 with their own WeChat account (visit.joinStaff takes
// the identity from the cloud, never from here). A refusal keeps the code typed.
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { visitStaffApi } from '@/domain/api/visit-staff'
import { INVITE_LENGTH } from '@/domain/visit-staff'
import { SERVICE_PAGES } from '@/routes'
import { callCloud } from '@/services/cloud'
import './index.scss'

export default function JoinPage() {
  const { params } = useRouter()
  const [code, setCode] = useState(decodeURIComponent(params.code ?? ''))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const [joined, setJoined] = useState<string>()

  const join = async () => {
    const checked = visitStaffApi.joinStaff.payload({ code }, '')
    if (!checked.ok) return setError(checked.message)
    setBusy(true)
    setError(undefined)
    const result = await callCloud(visitStaffApi.joinStaff, { code })
    setBusy(false)
    if (result.ok) setJoined(result.data.name)
    else setError(result.message)
  }

  if (joined)
    return (
      <View className="join">
        <Text className="join__title">{`欢迎，${joined}`}</Text>
        <Text className="join__hint">已加入本店师傅团队，派给你的上门会出现在我的任务里。</Text>
        <View
          className="join__go"
          onClick={() => void Taro.redirectTo({ url: SERVICE_PAGES.tasks })}
        >
          <Text>查看我的任务</Text>
        </View>
      </View>
    )
  return (
    <View className="join">
      <Text className="join__title">师傅入驻</Text>
      <Text className="join__hint">
        {`输入店主给你的 ${INVITE_LENGTH} 位邀请码，用当前微信账号加入师傅团队。邀请码 7 天内有效，只能用一次。`}
      </Text>
      <Input
        className="join__input"
        value={code}
        maxlength={INVITE_LENGTH + 4}
        placeholder="邀请码"
        onInput={(e) => setCode(e.detail.value)}
      />
      {error ? <Text className="join__error">{error}</Text> : null}
      <View className="join__submit" onClick={() => !busy && void join()}>
        <Text>{busy ? '加入中…' : '加入'}</Text>
      </View>
    </View>
  )
}
