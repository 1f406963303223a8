// A named stand-in for cloud payment (cloud.cloudPay.* of wx-server-sdk 4.0.2); WeChat Pay itself
// is out of reach. On the wire the SDK camelCase->snake_cases the call data and @cloudbase/node-sdk
// POSTs multipart/form-data to /admin: action=wx.wxPayApi, apiName (unifiedOrder…), apiOptions
// (protobuf ApiOptions{appid}), requestData (JSON). The answer is raw snake_case JSON, which the
// SDK camelCases and completes with errCode 0 / errMsg 'cloudPay.<api>:ok'; a {code, message}
// body becomes a thrown error. Semantics are WeChat Pay v2's as cloud payment exposes them:
// return_code FAIL for a malformed call, result_code FAIL + err_code for a business refusal.
// No signatures, no money: sign/pay_sign are placeholders. Notices: ./cloudpay-notify.ts.
// Not checked against config.json permissions.openapi (unlike openapi.ts): the cloud payment
// guide asks for merchant authorisations only, no declaration in the function's config.
import { randomBytes } from 'node:crypto'
import type { PayRefund, PayStore, PayTrade } from './cloudpay-store'
import type { Notice, Notifier } from './cloudpay-notify'
import {
  business,
  digits,
  fail,
  MCH_ID,
  nonce,
  payEvent,
  refundAnswer,
  refundEvent,
  SP_APPID,
  str,
  successTime,
  TRADE_STATE_DESC,
  timeEnd,
  type WxJson,
} from './cloudpay-wire'

export type PayApi = 'unifiedOrder' | 'queryOrder' | 'closeOrder' | 'refund' | 'queryRefund'

export type PayScript =
  | { callback: 'normal' }
  | { callback: 'delayed'; ms: number }
  | { callback: 'repeated'; n: number }
  | { callback: 'lost' }
  | { refund: 'normal' | 'fail' | 'fail_then_succeed' }

export type SheetOutcome = 'paid' | 'cancelled' | 'failed'
export type SheetAnswer = { ok: true } | { ok: false; code: string; message: string }

/** One call as it arrived, for the contract tests. */
export interface PayCall {
  apiName: string
  appid: string
  requestData: WxJson
  fn?: string
}

export interface Caller {
  fn?: string
  openid?: string | null
  /** WX_APPID of the calling function. */
  appId: string
}

export class CloudPay {
  readonly calls: PayCall[] = []
  private callbackScripts: PayScript[] = []
  private refundScript: 'normal' | 'fail' | 'fail_then_succeed' = 'normal'
  private networkFailures = 0

  constructor(
    private readonly store: PayStore,
    readonly notifier: Notifier,
    private readonly now: () => number,
  ) {}

  trades(): Promise<PayTrade[]> {
    return this.store.trades()
  }

  refunds(): Promise<PayRefund[]> {
    return this.store.refunds()
  }

  script(next: PayScript): void {
    if ('refund' in next) this.refundScript = next.refund
    else this.callbackScripts.push(next)
  }

  /** The next `times` calls get no answer (the connection drops); 0 clears. */
  failNext(times = 1): void {
    this.networkFailures = times <= 0 ? 0 : this.networkFailures + times
  }

  takeNetworkFailure(): boolean {
    if (this.networkFailures <= 0) return false
    this.networkFailures -= 1
    return true
  }

  async handle(apiName: string, data: WxJson, caller: Caller): Promise<WxJson> {
    const base = {
      return_code: 'SUCCESS',
      return_msg: 'OK',
      appid: SP_APPID,
      mch_id: MCH_ID,
      sub_appid: caller.appId,
      sub_mch_id: str(data.sub_mch_id),
      nonce_str: nonce(),
      sign: 'LOCAL-CLOUD-UNSIGNED',
    }
    if (!/^\d{1,32}$/.test(str(data.sub_mch_id))) return fail('sub_mch_id 参数格式错误')
    switch (apiName as PayApi) {
      case 'unifiedOrder':
        return this.unifiedOrder(data, caller, base)
      case 'queryOrder':
      case 'closeOrder': {
        const outTradeNo = str(data.out_trade_no)
        if (!outTradeNo) return fail('缺少参数 out_trade_no')
        return this.store.serial(outTradeNo, () =>
          apiName === 'queryOrder'
            ? this.queryOrder(outTradeNo, base)
            : this.closeOrder(outTradeNo, base),
        )
      }
      case 'refund':
        return this.refund(data, base)
      case 'queryRefund':
        return this.queryRefund(data, base)
      default:
        return fail(`${apiName || '(empty apiName)'} is not emulated by the local cloud`)
    }
  }

  private unifiedOrder(data: WxJson, caller: Caller, base: WxJson): Promise<WxJson> | WxJson {
    const outTradeNo = str(data.out_trade_no)
    const body = str(data.body)
    const totalFee = data.total_fee
    for (const field of ['body', 'out_trade_no', 'nonce_str', 'spbill_create_ip'] as const)
      if (!str(data[field])) return fail(`缺少参数 ${field}`)
    if (!str(data.env_id) || !str(data.function_name))
      return fail('缺少参数 env_id / function_name（接收支付结果的云函数）')
    if (!/^[A-Za-z0-9_\-|*]{1,32}$/.test(outTradeNo)) return fail('out_trade_no 参数格式错误')
    if (Buffer.byteLength(body, 'utf8') > 128) return fail('body 参数长度有误')
    if (typeof totalFee !== 'number' || !Number.isInteger(totalFee) || totalFee <= 0)
      return fail('total_fee 参数格式错误')
    const openid = str(data.sub_openid) || str(data.openid) || caller.openid || ''
    if (!openid) return fail('缺少参数 openid 或 sub_openid')
    return this.store.serial(outTradeNo, async () => {
      let trade = await this.store.trade(outTradeNo)
      if (trade) {
        if (trade.state === 'SUCCESS' || trade.state === 'REFUND')
          return business(base, 'ORDERPAID', '该订单已支付')
        if (trade.state === 'CLOSED') return business(base, 'ORDERCLOSED', '该订单已关')
        if (trade.totalFee !== totalFee || trade.body !== body)
          return business(base, 'INVALID_REQUEST', '201 商户订单号重复')
      } else {
        trade = {
          outTradeNo,
          totalFee,
          body,
          attach: str(data.attach) || undefined,
          subMchId: str(data.sub_mch_id),
          envId: str(data.env_id),
          functionName: str(data.function_name),
          openid,
          prepayId: `wx${timeEnd(this.now())}${randomBytes(9).toString('hex')}`,
          state: 'NOTPAY',
          transactionId: null,
          timeEnd: null,
          refundedFee: 0,
          notified: false,
          createdAt: new Date(this.now()).toISOString(),
        }
        await this.store.saveTrade(trade)
      }
      return {
        ...base,
        result_code: 'SUCCESS',
        trade_type: 'JSAPI',
        prepay_id: trade.prepayId,
        // What wx.requestPayment takes (the SDK hands it back camelCased).
        payment: {
          app_id: base.sub_appid,
          time_stamp: String(Math.floor(this.now() / 1000)),
          nonce_str: nonce(),
          package: `prepay_id=${trade.prepayId}`,
          sign_type: 'MD5',
          pay_sign: 'LOCAL-CLOUD-UNSIGNED',
        },
      }
    })
  }

  private async queryOrder(outTradeNo: string, base: WxJson): Promise<WxJson> {
    const trade = await this.store.trade(outTradeNo)
    if (!trade) return business(base, 'ORDERNOTEXIST', '订单不存在')
    const paid = trade.state === 'SUCCESS' || trade.state === 'REFUND'
    return {
      ...base,
      result_code: 'SUCCESS',
      out_trade_no: outTradeNo,
      trade_state: trade.state,
      trade_state_desc: TRADE_STATE_DESC[trade.state],
      total_fee: trade.totalFee,
      ...(trade.attach ? { attach: trade.attach } : {}),
      ...(paid
        ? {
            openid: trade.openid,
            sub_openid: trade.openid,
            trade_type: 'JSAPI',
            bank_type: 'OTHERS',
            cash_fee: trade.totalFee,
            fee_type: 'CNY',
            transaction_id: trade.transactionId,
            time_end: trade.timeEnd,
          }
        : {}),
    }
  }

  private async closeOrder(outTradeNo: string, base: WxJson): Promise<WxJson> {
    const trade = await this.store.trade(outTradeNo)
    if (!trade) return business(base, 'ORDERNOTEXIST', '订单不存在')
    if (trade.state === 'SUCCESS' || trade.state === 'REFUND')
      return business(base, 'ORDERPAID', '订单已支付，不能发起关单')
    if (trade.state === 'CLOSED') return business(base, 'ORDERCLOSED', '订单已关闭')
    await this.store.saveTrade({ ...trade, state: 'CLOSED' })
    return { ...base, result_code: 'SUCCESS' }
  }

  /** What the user did on the payment sheet (the H5 simulated sheet, or a test). */
  complete(outTradeNo: string, outcome: SheetOutcome): Promise<SheetAnswer> {
    return this.store.serial(outTradeNo, async (): Promise<SheetAnswer> => {
      const trade = await this.store.trade(outTradeNo)
      if (!trade) return { ok: false, code: 'ORDERNOTEXIST', message: '订单不存在' }
      if (trade.state === 'SUCCESS' || trade.state === 'REFUND')
        return { ok: false, code: 'ORDERPAID', message: '该订单已支付' }
      if (trade.state === 'CLOSED') return { ok: false, code: 'ORDERCLOSED', message: '订单已关闭' }
      if (outcome === 'cancelled') return { ok: true } // the trade stays NOTPAY
      if (outcome === 'failed') {
        await this.store.saveTrade({ ...trade, state: 'PAYERROR' })
        return { ok: true }
      }
      const at = this.now()
      const paid: PayTrade = {
        ...trade,
        state: 'SUCCESS',
        transactionId: `4200${timeEnd(at).slice(0, 8)}${digits(16)}`,
        timeEnd: timeEnd(at),
      }
      const script = this.callbackScripts.shift() ?? { callback: 'normal' }
      if ('callback' in script && script.callback === 'lost') paid.notified = true
      await this.store.saveTrade(paid)
      if (!paid.notified) this.notifier.send(this.payNotice(paid, script))
      return { ok: true }
    })
  }

  private payNotice(trade: PayTrade, script: PayScript = { callback: 'normal' }): Notice {
    return {
      kind: 'pay',
      key: trade.outTradeNo,
      fn: trade.functionName,
      delayMs: 'callback' in script && script.callback === 'delayed' ? script.ms : 0,
      times: 'callback' in script && script.callback === 'repeated' ? script.n : 1,
      event: payEvent(trade),
    }
  }

  private refund(data: WxJson, base: WxJson): Promise<WxJson> | WxJson {
    const outTradeNo = str(data.out_trade_no)
    const outRefundNo = str(data.out_refund_no)
    const totalFee = data.total_fee
    const refundFee = data.refund_fee
    if (!outTradeNo) return fail('缺少参数 out_trade_no')
    if (!/^[A-Za-z0-9_\-|*@]{1,64}$/.test(outRefundNo)) return fail('out_refund_no 参数格式错误')
    for (const fee of [totalFee, refundFee])
      if (typeof fee !== 'number' || !Number.isInteger(fee) || fee <= 0)
        return fail('total_fee / refund_fee 参数格式错误')
    if (!str(data.env_id) || !str(data.function_name))
      return fail('缺少参数 env_id / function_name（接收退款结果的云函数）')
    return this.store.serial(outTradeNo, async () => {
      const trade = await this.store.trade(outTradeNo)
      if (!trade) return business(base, 'ORDERNOTEXIST', '订单不存在')
      const existing = await this.store.refund(outRefundNo)
      if (existing) {
        // The same out_refund_no never refunds twice: it answers the refund already made.
        if (existing.outTradeNo !== outTradeNo || existing.refundFee !== refundFee)
          return business(base, 'INVALID_REQUEST', '退款单号已存在，请求参数与之前不一致')
        return refundAnswer(base, trade, existing)
      }
      if (trade.state !== 'SUCCESS' && trade.state !== 'REFUND')
        return business(base, 'TRADE_STATE_ERROR', '订单状态错误（未支付或已关闭）')
      if (trade.totalFee !== totalFee) return business(base, 'INVALID_REQUEST', '订单金额不一致')
      if ((refundFee as number) > trade.totalFee - trade.refundedFee)
        return business(base, 'INVALID_REQUEST', '退款金额大于可退金额')
      if (this.refundScript === 'fail')
        return business(base, 'NOTENOUGH', '基本账户余额不足，请充值后重新发起')
      if (this.refundScript === 'fail_then_succeed') {
        this.refundScript = 'normal'
        return business(base, 'SYSTEMERROR', '系统超时，请用相同参数再次调用')
      }
      const refund: PayRefund = {
        outRefundNo,
        outTradeNo,
        refundId: `5030${timeEnd(this.now()).slice(0, 8)}${digits(17)}`,
        totalFee: trade.totalFee,
        refundFee: refundFee as number,
        refundDesc: str(data.refund_desc),
        functionName: str(data.function_name),
        envId: str(data.env_id),
        state: 'PROCESSING',
        successTime: null,
        notified: false,
        createdAt: new Date(this.now()).toISOString(),
      }
      await this.store.saveRefund(refund)
      await this.store.saveTrade({
        ...trade,
        state: 'REFUND',
        refundedFee: trade.refundedFee + refund.refundFee,
      })
      this.settle(refund)
      return refundAnswer(base, trade, refund)
    })
  }

  /** The refund reaches the payer (at once, locally), then its notice goes out. */
  private settle(refund: PayRefund): void {
    const done: PayRefund = { ...refund, state: 'SUCCESS', successTime: successTime(this.now()) }
    void this.store.saveRefund(done).then(() =>
      this.notifier.send({
        kind: 'refund',
        key: done.outRefundNo,
        fn: done.functionName,
        event: refundEvent(done),
      }),
    )
  }

  private async queryRefund(data: WxJson, base: WxJson): Promise<WxJson> {
    const refund = await this.store.refund(str(data.out_refund_no))
    if (!refund) return business(base, 'REFUNDNOTEXIST', '退款订单查询失败')
    return {
      ...base,
      result_code: 'SUCCESS',
      out_trade_no: refund.outTradeNo,
      total_fee: refund.totalFee,
      cash_fee: refund.totalFee,
      refund_count: 1,
      // Cloud payment answers the per-refund fields as lists (WeChat v2's out_refund_no_$n…).
      out_refund_no_list: [refund.outRefundNo],
      refund_id_list: [refund.refundId],
      refund_fee_list: [refund.refundFee],
      settlement_refund_fee_list: [refund.refundFee],
      refund_status_list: [refund.state],
      refund_success_time_list: [refund.successTime ?? ''],
      refund_recv_accout_list: ['支付用户零钱'],
    }
  }

  /** After a restart: resends notices never acknowledged and settles refunds in flight. */
  async resume(): Promise<void> {
    for (const trade of await this.store.trades())
      if ((trade.state === 'SUCCESS' || trade.state === 'REFUND') && !trade.notified)
        this.notifier.send(this.payNotice(trade))
    for (const refund of await this.store.refunds()) {
      if (refund.state === 'PROCESSING') this.settle(refund)
      else if (!refund.notified)
        this.notifier.send({
          kind: 'refund',
          key: refund.outRefundNo,
          fn: refund.functionName,
          event: refundEvent(refund),
        })
    }
  }

  /** Notifier callback: the notice was acknowledged (or given up on): do not resend it. */
  async noticeDone(notice: Notice): Promise<void> {
    if (notice.kind === 'pay') {
      await this.store.serial(notice.key, async () => {
        const trade = await this.store.trade(notice.key)
        if (trade) await this.store.saveTrade({ ...trade, notified: true })
      })
    } else {
      const refund = await this.store.refund(notice.key)
      if (refund) await this.store.saveRefund({ ...refund, notified: true })
    }
  }
}
