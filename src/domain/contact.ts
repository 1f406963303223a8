// 联系客服 (issue 17): what WeChat's customer-service chat is told about where the customer came
// from. `sessionFrom` (order:<orderNo>, product:<productId>, mine) reaches the agent with the
// session; from an order, a message card (its title and the order page's path) lets the customer
// send the order itself into the chat. Outside WeChat there is no such chat: the H5 stand-in says
// so and shows what WeChat would have been told.
import { orderPage } from './message-drafts'

export type ContactFrom =
  | { page: 'order'; orderId: string; orderNo: string; productName: string }
  | { page: 'product'; productId: string }
  | { page: 'mine' }

export interface ContactCard {
  /** send-message-title */
  title: string
  /** send-message-path: where the card opens the mini program. */
  path: string
}

export interface ContactSession {
  sessionFrom: string
  /** Shown in the chat as 「可能要发送的小程序」 (show-message-card); null: no card. */
  card: ContactCard | null
}

export const CONTACT_LABEL = '联系客服'

/** sessionFrom of a chat opened from an order: this prefix, then the order number. */
const ORDER_SESSION_PREFIX = 'order:'
/** An order number as orderNoFor (new-order.ts) writes it: China date, '-', 8 Crockford chars. */
const ORDER_NO = /^\d{8}-[0-9A-HJKMNP-TV-Z]{8}$/

/** The order number a chat's sessionFrom names (contactSession's format), else null. */
export function orderNoFromSessionFrom(sessionFrom: string): string | null {
  if (!sessionFrom.startsWith(ORDER_SESSION_PREFIX)) return null
  const orderNo = sessionFrom.slice(ORDER_SESSION_PREFIX.length)
  return ORDER_NO.test(orderNo) ? orderNo : null
}

/** An order's document id as the order page's `id` query carries it. */
const ORDER_ID = /^[A-Za-z0-9_-]{1,64}$/
const [ORDER_PAGE_PATH] = orderPage('').split('?')

/**
 * The order id a mini-program card names when its path is our order page (the card contactSession
 * offers: `/pages/order/index?id=<orderId>`), else null. WeChat documents the pushed PagePath only
 * as 「小程序页面路径」, so the leading '/' is optional here.
 */
export function orderIdFromCardPath(pagePath: string): string | null {
  const [path, query = ''] = pagePath.replace(/^\//, '').split('?', 2)
  if (path !== ORDER_PAGE_PATH) return null
  // Parsed by hand: URLSearchParams is missing from the mini program's runtime.
  const ids = query
    .split('&')
    .filter((pair) => pair.startsWith('id='))
    .map((pair) => pair.slice('id='.length))
  return ids.length === 1 && ORDER_ID.test(ids[0]) ? ids[0] : null
}

export function contactSession(from: ContactFrom): ContactSession {
  switch (from.page) {
    case 'order':
      return {
        sessionFrom: `${ORDER_SESSION_PREFIX}${from.orderNo}`,
        card: {
          title: `订单 ${from.orderNo} · ${from.productName}`,
          path: `/${orderPage(from.orderId)}`,
        },
      }
    case 'product':
      return { sessionFrom: `product:${from.productId}`, card: null }
    case 'mine':
      return { sessionFrom: 'mine', card: null }
  }
}

/** The H5 stand-in's modal, named as one (like 「模拟支付（本地环境）」). */
export function contactStandIn(session: ContactSession): { title: string; content: string } {
  const card = session.card ? `，可发送卡片「${session.card.title}」` : ''
  return {
    title: `${CONTACT_LABEL}（本地环境）`,
    content: `客服会话只在微信中打开。微信会告诉客服：会话来源 ${session.sessionFrom}${card}`,
  }
}
