// What the cloud payment stand-in (./cloudpay.ts) holds: trades and refunds as WeChat Pay would,
// one JSONB row each in local_pay_trades / local_pay_refunds (store/schema.ts), so a restart of
// `npm start` keeps them. Changes to one trade and its refunds run one at a time (`serial`).
import type { Queryable } from './store/types'

export type TradeState = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'PAYERROR' | 'REFUND'
export type RefundState = 'PROCESSING' | 'SUCCESS' | 'CHANGE' | 'REFUNDCLOSE'

export interface PayTrade {
  outTradeNo: string
  totalFee: number
  body: string
  attach?: string
  subMchId: string
  envId: string
  functionName: string
  /** The payer: sub_openid/openid of the call, else the user who invoked the calling function. */
  openid: string
  prepayId: string
  state: TradeState
  transactionId: string | null
  /** yyyyMMddHHmmss, China time, as WeChat writes it. */
  timeEnd: string | null
  /** Sum of the refunds accepted so far (never above totalFee). */
  refundedFee: number
  /** The pay notice was answered errcode 0, given up on, or 'lost' by script. */
  notified: boolean
  createdAt: string
}

export interface PayRefund {
  outRefundNo: string
  outTradeNo: string
  refundId: string
  totalFee: number
  refundFee: number
  refundDesc: string
  functionName: string
  envId: string
  state: RefundState
  /** yyyy-MM-dd HH:mm:ss, China time (the refund notice's success_time). */
  successTime: string | null
  notified: boolean
  createdAt: string
}

export class PayStore {
  private readonly chains = new Map<string, Promise<unknown>>()

  constructor(private readonly db: Queryable) {}

  /** Runs `work` after every earlier piece of work on the same key (one trade). */
  serial<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(key) ?? Promise.resolve()
    const next = previous.then(work, work)
    const settled = next.catch(() => undefined)
    this.chains.set(key, settled)
    void settled.then(() => {
      if (this.chains.get(key) === settled) this.chains.delete(key)
    })
    return next
  }

  async trade(outTradeNo: string): Promise<PayTrade | null> {
    const { rows } = await this.db.query(
      'SELECT trade FROM local_pay_trades WHERE out_trade_no = $1',
      [outTradeNo],
    )
    return (rows[0]?.trade as PayTrade | undefined) ?? null
  }

  async saveTrade(trade: PayTrade): Promise<void> {
    await this.db.query(
      `INSERT INTO local_pay_trades (out_trade_no, trade) VALUES ($1, $2::jsonb)
       ON CONFLICT (out_trade_no) DO UPDATE SET trade = EXCLUDED.trade`,
      [trade.outTradeNo, JSON.stringify(trade)],
    )
  }

  async trades(): Promise<PayTrade[]> {
    const { rows } = await this.db.query('SELECT trade FROM local_pay_trades ORDER BY seq')
    return rows.map((row: { trade: PayTrade }) => row.trade)
  }

  async refund(outRefundNo: string): Promise<PayRefund | null> {
    const { rows } = await this.db.query(
      'SELECT refund FROM local_pay_refunds WHERE out_refund_no = $1',
      [outRefundNo],
    )
    return (rows[0]?.refund as PayRefund | undefined) ?? null
  }

  async saveRefund(refund: PayRefund): Promise<void> {
    await this.db.query(
      `INSERT INTO local_pay_refunds (out_refund_no, refund) VALUES ($1, $2::jsonb)
       ON CONFLICT (out_refund_no) DO UPDATE SET refund = EXCLUDED.refund`,
      [refund.outRefundNo, JSON.stringify(refund)],
    )
  }

  async refunds(): Promise<PayRefund[]> {
    const { rows } = await this.db.query('SELECT refund FROM local_pay_refunds ORDER BY seq')
    return rows.map((row: { refund: PayRefund }) => row.refund)
  }
}
