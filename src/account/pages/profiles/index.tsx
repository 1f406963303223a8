// Measurement profiles, behind their own consent: first the purpose and 同意, then the list,
// create (one button per kind: 身体尺寸, 窗户尺寸) / edit / delete, and withdrawing the consent
// (which deletes every profile). Opened with `?kind=window` (去建立 on a product page), the form
// for a new profile of that kind is already open.
import { useState } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import {
  MAX_PROFILES_PER_USER,
  PROFILE_KINDS,
  PROFILE_KIND_SPECS,
  type MeasurementProfile,
  type ProfileKind,
} from '@/domain/measurement-profile'
import ProfileForm from '@/components/profile-form'
import { EmptyState, ErrorState, SkeletonList } from '@/components/state-view'
import { useProfiles, type ProfileDraft } from '@/hooks/useProfiles'
import { confirmModal as confirmModalWith, toast } from '@/services/feedback'
import './index.scss'

/** Every modal here deletes something, so its confirm button is red. */
const confirmModal = (title: string, content: string, confirmText: string) =>
  confirmModalWith(title, content, { confirmText, confirmColor: '#c2413b' })

const isKind = (value: string | undefined): value is ProfileKind =>
  (PROFILE_KINDS as readonly string[]).includes(value ?? '')

function summary(profile: MeasurementProfile): string {
  return PROFILE_KIND_SPECS[profile.kind].measurements
    .filter((f) => profile.values[f.id] !== undefined)
    .map((f) => `${f.label} ${profile.values[f.id]}${f.unit}`)
    .join(' · ')
}

export default function Profiles() {
  const { consent, list, busy, reloadAll, setConsent, save, remove } = useProfiles()
  const asked = useRouter().params.kind
  // undefined: no form; a kind: a new profile of it; a profile: editing it.
  const [editing, setEditing] = useState<MeasurementProfile | ProfileKind | undefined>(() =>
    isKind(asked) ? asked : undefined,
  )
  const [serverError, setServerError] = useState<string>()

  usePullDownRefresh(() => {
    void reloadAll().finally(() => Taro.stopPullDownRefresh())
  })

  const grant = async () => {
    const result = await setConsent(true)
    if (!result.ok) toast(result.message)
  }
  const withdraw = async () => {
    if (!(await confirmModal('撤回授权', '撤回后将删除你保存的全部量体档案，且无法恢复。', '撤回')))
      return
    const result = await setConsent(false)
    toast(result.ok ? '已撤回授权，档案已全部删除' : result.message)
  }
  const submit = async (draft: ProfileDraft) => {
    const result = await save(draft)
    if (!result.ok) return setServerError(result.message)
    setServerError(undefined)
    setEditing(undefined)
    toast('已保存')
  }
  const del = async (profile: MeasurementProfile) => {
    if (!(await confirmModal('删除档案', `确定删除“${profile.name}”吗？删除后无法恢复。`, '删除')))
      return
    const result = await remove(profile.id)
    toast(result.ok ? '已删除' : result.message)
  }

  const failed = consent.error ?? list.error
  if (!consent.data || (failed && !list.data)) {
    return (
      <View className="profiles">
        {failed ? (
          <ErrorState message={failed.message} onRetry={() => void reloadAll()} />
        ) : (
          <SkeletonList rows={2} />
        )}
      </View>
    )
  }

  if (!consent.data.granted) {
    const renewed = consent.data.grantedVersion !== null
    return (
      <View className="profiles">
        <View className="consent-card">
          <Text className="consent-card__title">量体数据授权说明</Text>
          {renewed ? (
            <Text className="consent-card__notice">说明已更新，请重新阅读并确认。</Text>
          ) : null}
          <Text className="consent-card__text">
            保存量体档案需要你单独授权。你的尺寸仅用于制作你的定制商品，不会用于其他用途或提供给第三方；可随时删除单个档案，或撤回授权删除全部档案。
          </Text>
          <Text className="consent-card__version">说明版本 {consent.data.policyVersion}</Text>
          <View
            className={`consent-card__agree${busy ? ' consent-card__agree--busy' : ''}`}
            onClick={() => !busy && void grant()}
          >
            <Text>{busy ? '正在提交…' : '同意并继续'}</Text>
          </View>
          <Text className="consent-card__skip">不同意也可以下单，每次手动填写尺寸即可。</Text>
        </View>
      </View>
    )
  }

  const items = list.data?.items ?? []
  return (
    <View className="profiles">
      {editing !== undefined ? (
        <ProfileForm
          key={typeof editing === 'string' ? `new-${editing}` : editing.id}
          kind={typeof editing === 'string' ? editing : editing.kind}
          initial={typeof editing === 'string' ? undefined : editing}
          busy={busy}
          serverError={serverError}
          onSubmit={(draft) => void submit(draft)}
          onCancel={() => {
            setEditing(undefined)
            setServerError(undefined)
          }}
        />
      ) : items.length < MAX_PROFILES_PER_USER ? (
        <View className="profiles-adds">
          {PROFILE_KINDS.map((kind) => (
            <View
              key={kind}
              className={`profiles-add profiles-add--${kind}`}
              onClick={() => setEditing(kind)}
            >
              <Text className="profiles-add__label">
                ＋ 新建{PROFILE_KIND_SPECS[kind].label}档案
              </Text>
              <Text className="profiles-add__hint">{PROFILE_KIND_SPECS[kind].hint}</Text>
            </View>
          ))}
        </View>
      ) : (
        <Text className="profiles-limit">
          最多保存 {MAX_PROFILES_PER_USER} 份档案，请先删除不用的档案
        </Text>
      )}

      {!list.data ? (
        <SkeletonList rows={1} />
      ) : items.length === 0 ? (
        <EmptyState text="还没有量体档案" hint="保存一次，下次定制时直接选用" />
      ) : (
        <View className="profiles-list">
          {items.map((profile) => (
            <View key={profile.id} className="profile-card" data-id={profile.id}>
              <View className="profile-card__head">
                <Text className="profile-card__name">{profile.name}</Text>
                <Text className="profile-card__kind">{PROFILE_KIND_SPECS[profile.kind].label}</Text>
              </View>
              <Text className="profile-card__values">{summary(profile) || '暂无尺寸'}</Text>
              <View className="profile-card__buttons">
                <View className="profile-card__button" onClick={() => setEditing(profile)}>
                  <Text>编辑</Text>
                </View>
                <View
                  className="profile-card__button profile-card__button--danger"
                  onClick={() => !busy && void del(profile)}
                >
                  <Text>删除</Text>
                </View>
              </View>
            </View>
          ))}
        </View>
      )}

      <View className="profiles-withdraw" onClick={() => !busy && void withdraw()}>
        <Text>撤回授权并删除全部档案</Text>
      </View>
    </View>
  )
}
