// "Use a saved measurement profile": one chip per profile of the kind this product takes fills
// the measurements; with none (or no consent yet) 去建立 opens the profiles page on a new
// profile of that kind (a curtain asks for a window's 宽度 / 高度, not a body's).
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import {
  PROFILE_KIND_SPECS,
  type MeasurementProfile,
  type ProfileKind,
} from '@/domain/measurement-profile'
import type { CloudState } from '@/hooks/useCloud'
import { ACCOUNT_PAGES } from '@/routes'
import './index.scss'

export interface ProfilePickerProps {
  /** The kind of profile this product's measurements come from (profileKindFor). */
  kind: ProfileKind
  profiles: CloudState<{ items: MeasurementProfile[] }>
  onPick: (profile: MeasurementProfile) => void
}

export default function ProfilePicker({ kind, profiles, onPick }: ProfilePickerProps) {
  const items = (profiles.data?.items ?? []).filter((profile) => profile.kind === kind)
  const create = () => void Taro.navigateTo({ url: `${ACCOUNT_PAGES.profiles}?kind=${kind}` })
  const open = () => void Taro.navigateTo({ url: ACCOUNT_PAGES.profiles })
  return (
    <View className="profile-picker">
      <Text className="profile-picker__title">使用已保存的量体档案</Text>
      {profiles.loading && !profiles.data ? (
        <Text className="profile-picker__note">正在读取档案…</Text>
      ) : profiles.error && !profiles.data ? (
        <View className="profile-picker__link" onClick={() => void profiles.reload()}>
          <Text>{profiles.error.message}，点此重试</Text>
        </View>
      ) : items.length === 0 ? (
        <View className="profile-picker__link" data-kind={kind} onClick={create}>
          <Text>还没有量体档案（{PROFILE_KIND_SPECS[kind].label}），去建立 ›</Text>
        </View>
      ) : (
        <View className="profile-picker__chips">
          {items.map((profile) => (
            <View
              key={profile.id}
              className="profile-chip"
              data-profile={profile.id}
              onClick={() => onPick(profile)}
            >
              <Text>{profile.name}</Text>
            </View>
          ))}
          <View className="profile-chip profile-chip--ghost" onClick={open}>
            <Text>管理档案</Text>
          </View>
        </View>
      )}
    </View>
  )
}
