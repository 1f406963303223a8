// An accepted request's next steps: a return is closed once its goods arrive, refunding the
// order (close-return.tsx); a repaired item is shipped back (寄回, with its tracking number, told
// to the customer) and then 完成; an altered or remade one is reworked on the order itself (its
// quality check and shipping on the order page) and closes when it arrives.
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { isReworkKind } from '@/domain/after-sales-rules'
import { MERCHANT_PAGES } from '@/routes'
import type { AfterSalesDecision, AfterSalesRecord } from '@/domain/after-sales'
import type { Wire } from '@/domain/api/contract'
import CloseReturn from './close-return'

export type Send = (
  decision: AfterSalesDecision,
  question: string,
  extra?: { carrier?: string; trackingNo?: string; refundFen?: number },
) => Promise<void>

export default function FollowUp({
  request,
  sending,
  send,
}: {
  request: Wire<AfterSalesRecord> & { refundableFen?: number }
  sending: boolean
  send: Send
}) {
  const [closing, setClosing] = useState(false)
  const [shipping, setShipping] = useState(false)
  const [carrier, setCarrier] = useState('顺丰速运')
  const [trackingNo, setTrackingNo] = useState('')
  const canShip = request.kind !== 'return' && request.state === 'accepted'
  if (isReworkKind(request.kind) && request.state === 'accepted')
    return (
      <View className="m-as-decision">
        <Text className="m-as-rework">返工中：在订单页质检、发货，送达顾客后自动完成</Text>
        <View
          className="m-as-button m-as-button--order"
          onClick={() =>
            void Taro.navigateTo({ url: `${MERCHANT_PAGES.order}?id=${request.orderId}` })
          }
        >
          <Text>去订单处理</Text>
        </View>
      </View>
    )
  return (
    <View className="m-as-decision">
      {shipping && canShip ? (
        <View className="m-as-form">
          <Text className="m-as-label">快递公司</Text>
          <Input
            className="m-as-input m-as-input--carrier"
            value={carrier}
            onInput={(e) => setCarrier(e.detail.value)}
          />
          <Text className="m-as-label">快递单号</Text>
          <Input
            className="m-as-input m-as-input--tracking"
            value={trackingNo}
            placeholder="寄回给顾客的快递单号"
            onInput={(e) => setTrackingNo(e.detail.value)}
          />
          <View
            className="m-as-submit m-as-submit--ship"
            onClick={() =>
              void send('ship_back', `寄回订单 ${request.orderNo}：${carrier} ${trackingNo}？`, {
                carrier: carrier.trim(),
                trackingNo: trackingNo.trim(),
              })
            }
          >
            <Text>{sending ? '提交中…' : '确认寄回'}</Text>
          </View>
        </View>
      ) : null}
      {closing && request.kind === 'return' ? (
        <CloseReturn
          orderNo={request.orderNo}
          refundableFen={request.refundableFen ?? 0}
          sending={sending}
          send={send}
        />
      ) : null}
      <View className="m-as-actions">
        {canShip ? (
          <View
            className={`m-as-button m-as-button--ship${shipping ? ' m-as-button--on' : ''}`}
            onClick={() => setShipping(!shipping)}
          >
            <Text>寄回</Text>
          </View>
        ) : null}
        {request.kind === 'return' ? (
          <View
            className={`m-as-button m-as-button--close${closing ? ' m-as-button--on' : ''}`}
            onClick={() => setClosing(!closing)}
          >
            <Text>完成</Text>
          </View>
        ) : (
          <View
            className="m-as-button m-as-button--close"
            onClick={() => void send('close', `确认订单 ${request.orderNo} 的售后已处理完成？`)}
          >
            <Text>{sending ? '提交中…' : '完成'}</Text>
          </View>
        )}
      </View>
    </View>
  )
}
