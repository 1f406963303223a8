// 寄回信息: how the customer sends an accepted request's item to the shop — a carrier from the
// list or typed, and the tracking number, checked as the server checks them before sending.
// Opened again, it shows what was sent, to change until the shop closes or ships back.
import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { afterSalesApi } from '@/domain/api/after-sales'
import { afterSalesShipmentApi } from '@/domain/api/after-sales-shipment'
import { mayShipToShop, requestSummary, type AfterSalesRecord } from '@/domain/after-sales'
import { RETURN_CARRIERS } from '@/domain/after-sales-shipment'
import type { Wire } from '@/domain/api/contract'
import { parsePayload } from '@/domain/validate'
import { Loadable } from '@/components/state-view'
import { useCloud } from '@/hooks/useCloud'
import { callCloud } from '@/services/cloud'
import { toast } from '@/services/feedback'
import './index.scss'

function ShipmentForm({ request }: { request: Wire<AfterSalesRecord> }) {
  const [carrier, setCarrier] = useState(request.customerShipment?.carrier ?? RETURN_CARRIERS[0])
  const [trackingNo, setTrackingNo] = useState(request.customerShipment?.trackingNo ?? '')
  const [error, setError] = useState('')
  const [sending, setSending] = useState(false)
  const listed = (RETURN_CARRIERS as readonly string[]).includes(carrier)

  const submit = async () => {
    if (sending) return
    const payload = { afterSalesId: request._id, carrier: carrier.trim(), trackingNo }
    const checked = parsePayload(afterSalesShipmentApi.sendAfterSalesItem.payload, payload)
    if (!checked.ok) return setError(checked.message)
    setError('')
    setSending(true)
    const result = await callCloud(afterSalesShipmentApi.sendAfterSalesItem, checked.data)
    setSending(false)
    if (!result.ok) return setError(result.message)
    toast('寄回信息已提交')
    void Taro.navigateBack()
  }

  return (
    <>
      <Text className="return-shipment__summary">{requestSummary(request)}</Text>
      <Text className="return-shipment__label">快递公司</Text>
      <View className="return-shipment__chips">
        {[...RETURN_CARRIERS, '其他'].map((option) => {
          const on = option === '其他' ? !listed : option === carrier
          return (
            <View
              key={option}
              className={`rs-chip${on ? ' rs-chip--on' : ''}`}
              onClick={() => setCarrier(option === '其他' ? '' : option)}
            >
              <Text>{option}</Text>
            </View>
          )
        })}
      </View>
      {listed ? null : (
        <Input
          className="return-shipment__input return-shipment__carrier"
          value={carrier}
          placeholder="快递公司名称"
          onInput={(e) => setCarrier(e.detail.value)}
        />
      )}
      <Text className="return-shipment__label">快递单号</Text>
      <Input
        className="return-shipment__input return-shipment__tracking"
        value={trackingNo}
        placeholder="寄给商家的快递单号"
        onInput={(e) => setTrackingNo(e.detail.value)}
      />
      {error ? <Text className="return-shipment__error">{error}</Text> : null}
      <View
        className={`return-shipment__submit${sending ? ' is-busy' : ''}`}
        onClick={() => void submit()}
      >
        <Text>{sending ? '提交中…' : '提交寄回信息'}</Text>
      </View>
    </>
  )
}

export default function ReturnShipmentPage() {
  const { orderId = '', afterSalesId = '' } = useRouter().params
  const state = useCloud(afterSalesApi.afterSales, { orderId })
  return (
    <View className="return-shipment">
      <Loadable state={state} rows={2}>
        {(data) => {
          const request = data.items.find((item) => item._id === afterSalesId)
          return request && mayShipToShop(request) ? (
            <ShipmentForm request={request} />
          ) : (
            <Text className="return-shipment__closed">
              这个售后申请现在不需要填写寄回信息（商家尚未受理，或已处理完成）。
            </Text>
          )
        }}
      </Loadable>
    </View>
  )
}
