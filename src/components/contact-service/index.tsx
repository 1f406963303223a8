// 联系客服: WeChat's customer-service chat (a Button with open-type="contact"), told where the
// customer came from and, from an order, offered its card (domain/contact.ts). H5 has no such
// chat: a named stand-in modal says it opens in WeChat and shows what WeChat would be told.
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { CONTACT_LABEL, contactSession, contactStandIn, type ContactFrom } from '@/domain/contact'
import './index.scss'

export default function ContactService({ from }: { from: ContactFrom }) {
  const session = contactSession(from)
  if (process.env.TARO_ENV === 'weapp') {
    const { card } = session
    return (
      <Button
        className="contact-service"
        openType="contact"
        sessionFrom={session.sessionFrom}
        showMessageCard={card !== null}
        sendMessageTitle={card?.title}
        sendMessagePath={card?.path}
      >
        {CONTACT_LABEL}
      </Button>
    )
  }
  const standIn = contactStandIn(session)
  const open = () => void Taro.showModal({ ...standIn, showCancel: false, confirmText: '知道了' })
  return (
    <View className="contact-service" hoverClass="contact-service--pressed" onClick={open}>
      <Text>{CONTACT_LABEL}</Text>
    </View>
  )
}
