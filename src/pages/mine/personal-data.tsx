// 我的数据 on 我的: export what we hold (shown as counts, copyable as JSON) and delete it after a
// confirmation. Orders stay with their address snapshot, which the texts say plainly.
import { Text, View } from '@tarojs/components'
import { usePersonalData } from '@/hooks/usePersonalData'
import type { PersonalDataExport } from '@/domain/personal-data'

function exportRows(data: PersonalDataExport): [string, string][] {
  return [
    ['量体档案', `${data.measurementProfiles.length} 份`],
    ['量体授权', data.consents.length > 0 ? '已授权' : '未授权'],
    ['订单收货信息', `${data.orderAddresses.length} 条`],
    ['设计师预约', `${data.bookings.length} 条`],
    ['消息订阅', `${data.subscriptions.length} 项`],
    ['补货提醒', `${data.refills.length} 项`],
    ['保养提醒', `${data.careTasks.length} 项`],
    ['优惠券', `${data.coupons.length} 张`],
    ['售后申请', `${data.afterSales.length} 条`],
    ['订单评价', `${data.ratings.length} 条`],
    ['上门服务', `${data.visits.length} 次`],
    ['客服消息', `${data.customerService.length} 条`],
    ['浏览与下单偏好', data.preferences ? '已记录' : '无'],
    ['行为记录', `${data.behaviourEvents.length} 条`],
  ]
}

export default function PersonalData() {
  const data = usePersonalData()
  const busy = data.busy !== null

  return (
    <View className="personal-data">
      <Text className="personal-data__title">我的数据</Text>
      <Text className="personal-data__hint">
        可导出我们保存的你的个人信息，或删除量体档案、预约、订阅、补货提醒、优惠券与浏览记录。
      </Text>
      <View className="personal-data__buttons">
        <View
          className={`personal-data__button personal-data__export${busy ? ' is-busy' : ''}`}
          onClick={() => void (busy ? undefined : data.exportData())}
        >
          <Text>{data.busy === 'export' ? '导出中…' : '导出我的数据'}</Text>
        </View>
        <View
          className={`personal-data__button personal-data__delete${busy ? ' is-busy' : ''}`}
          onClick={() => void (busy ? undefined : data.deleteData())}
        >
          <Text>{data.busy === 'delete' ? '删除中…' : '删除我的数据'}</Text>
        </View>
      </View>

      {data.error ? (
        <Text className="personal-data__error field-error">{data.error.message}</Text>
      ) : null}

      {data.exported ? (
        <View className="personal-data__result personal-data__exported">
          {exportRows(data.exported).map(([label, value]) => (
            <View key={label} className="personal-data__row">
              <Text className="personal-data__label">{label}</Text>
              <Text className="personal-data__value">{value}</Text>
            </View>
          ))}
          {data.exported.truncated ? (
            <Text className="personal-data__note">
              部分记录较多，仅导出最近的，其余请联系商家。
            </Text>
          ) : null}
          <View className="personal-data__copy" onClick={data.copyExport}>
            <Text>复制完整数据（JSON）</Text>
          </View>
        </View>
      ) : null}

      {data.deleted ? (
        <View className="personal-data__result personal-data__deleted">
          <Text className="personal-data__done">
            {`已删除：量体档案 ${data.deleted.measurementProfiles} 份，订阅 ${data.deleted.subscriptions} 项，补货提醒 ${data.deleted.refills} 项，优惠券 ${data.deleted.coupons} 张，行为记录 ${data.deleted.behaviourEvents} 条，释放预约 ${data.deleted.bookingsReleased} 个。`}
          </Text>
          <Text className="personal-data__note">
            已下的订单保留收货信息与上门服务记录，用于配送、售后与商家记账。
          </Text>
        </View>
      ) : null}
    </View>
  )
}
