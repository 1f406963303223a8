// 师傅管理 (issue 18): the owner's team — add a person (they join with the invite code shown
// here), edit skills, districts and weekly hours, give a day off or other hours on a chosen
// date, 停用 with a confirmation. Reached from 派单; a subpackage of its own (root `team`).
import { useState } from 'react'
import Taro, { usePullDownRefresh, useShareAppMessage } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { EmptyState, ErrorState, SkeletonList } from '@/components/state-view'
import { useMerchantAccess } from '@/hooks/useMerchantRole'
import { TEAM_PAGES } from '@/routes'
import StaffCard from './staff-card'
import StaffForm from './staff-form'
import { staffInputOf, useStaff, type StaffRow } from './use-staff'
import './index.scss'

function StaffPageBody() {
  const team = useStaff()
  const { data, error, loading, busy, reload, save, setHours } = team
  const [editing, setEditing] = useState<StaffRow | 'new' | null>(null)
  usePullDownRefresh(() => void reload().finally(() => Taro.stopPullDownRefresh()))
  // 分享给师傅 on a card: the share opens 师傅入驻 with that person's code filled in.
  useShareAppMessage(({ target }) => {
    const code = (target as { dataset?: { code?: string } } | undefined)?.dataset?.code
    return code
      ? { title: '邀请你加入师傅团队', path: `${TEAM_PAGES.join}?code=${code}` }
      : { title: '师傅管理', path: TEAM_PAGES.staff }
  })

  const setActive = async (row: StaffRow, active: boolean) => {
    if (!active) {
      const { confirm } = await Taro.showModal({
        title: `停用${row.name}？`,
        content: '停用后不再给这位师傅派单，他也看不到我的任务；已有的上门需先在派单里改派。',
        confirmText: '停用',
      })
      if (!confirm) return
    }
    const result = await save(staffInputOf(row, { active }))
    if (!result.ok)
      void Taro.showModal({ title: '没有保存', content: result.message, showCancel: false })
  }

  const form = (row?: StaffRow) => (
    <StaffForm row={row} busy={busy} onSave={save} onClose={() => setEditing(null)} />
  )
  return (
    <View className="team">
      {editing === 'new' ? (
        form()
      ) : (
        <View className="team__add" onClick={() => setEditing('new')}>
          <Text>添加师傅</Text>
        </View>
      )}
      {error && data ? <Text className="team__stale">{error.message}</Text> : null}
      {!data ? (
        error && !loading ? (
          <ErrorState message={error.message} onRetry={() => void reload()} />
        ) : (
          <SkeletonList rows={2} />
        )
      ) : data.staff.length === 0 ? (
        <EmptyState text="还没有师傅" hint="添加师傅后，把邀请码发给他，他在小程序里输入即可加入" />
      ) : (
        data.staff.map((row) =>
          editing !== 'new' && editing?.id === row.id ? (
            <View key={row.id}>{form(row)}</View>
          ) : (
            <StaffCard
              key={row.id}
              row={row}
              today={data.today}
              busy={busy}
              onEdit={() => setEditing(row)}
              onActive={(active) => void setActive(row, active)}
              onHours={setHours}
            />
          ),
        )
      )}
    </View>
  )
}

/** The owner's page: nothing is drawn or read until user.role says merchant. */
export default function StaffPage() {
  const { access, retry } = useMerchantAccess()
  if (access === 'merchant') return <StaffPageBody />
  return (
    <View className="team">
      {access === 'unknown' ? (
        <SkeletonList rows={2} />
      ) : access === 'failed' ? (
        <ErrorState message="暂时无法确认账号身份" onRetry={retry} />
      ) : (
        <Text className="team__refused">仅商家可以管理师傅</Text>
      )}
    </View>
  )
}
