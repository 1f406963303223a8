// H5 only (the local cloud): a stand-in for WeChat's payment sheet, named as one. It shows the
// amount and 支付 / 取消 / 模拟失败, tells the local cloud's payment stand-in what the person did
// (POST /cloud/pay, which then calls the payment callback as WeChat would) and answers like
// requestPayment. Plain DOM over the page, so no page has to host it and weapp never ships it.
import { formatFen } from '@/domain/money'

type Outcome = 'paid' | 'cancelled' | 'failed'

const BUTTONS: [Outcome, string, string][] = [
  ['paid', 'pay-sheet__pay', '支付'],
  ['cancelled', 'pay-sheet__cancel', '取消'],
  ['failed', 'pay-sheet__fail', '模拟失败'],
]

const PANEL =
  'position:fixed;left:0;right:0;bottom:0;z-index:10000;padding:20px 16px 28px;' +
  'background:#fff;border-radius:14px 14px 0 0;display:flex;flex-direction:column;gap:10px;' +
  'font-size:15px;color:#1f1d1a;text-align:center'
const BUTTON =
  'height:44px;border:0;border-radius:22px;font-size:16px;background:#f6f4f1;color:#1f1d1a'

/** Tells the local cloud what the person did; true when it took it. */
async function tellLocalCloud(outTradeNo: string, outcome: Outcome): Promise<boolean> {
  try {
    const res = await fetch(`${LOCAL_CLOUD_BASE}/pay`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ outTradeNo, outcome }),
    })
    const body = (await res.json()) as { ok?: boolean; message?: string }
    if (res.ok && body.ok) return true
    console.warn('[payment] 本地云未接受模拟支付结果', res.status, body.message)
  } catch (error) {
    console.warn('[payment] 无法连接本地云的模拟支付', error)
  }
  return false
}

function element(tag: string, css: string, text?: string, className?: string): HTMLElement {
  const node = document.createElement(tag)
  node.style.cssText = css
  if (text !== undefined) node.textContent = text
  if (className) node.className = className
  return node
}

export function showSimulatedPaymentSheet(outTradeNo: string, amountFen: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const sheet = element(
      'div',
      'position:fixed;inset:0;z-index:9999;background:rgba(0,0,0,0.45)',
      undefined,
      'pay-sheet',
    )
    sheet.setAttribute('role', 'dialog')
    sheet.setAttribute('aria-modal', 'true')
    sheet.setAttribute('aria-label', '模拟支付（本地环境）')
    const panel = element('div', PANEL)
    panel.append(
      element('div', 'font-weight:600', '模拟支付（本地环境）', 'pay-sheet__title'),
      element(
        'div',
        'font-size:30px;font-weight:700;margin:6px 0',
        formatFen(amountFen),
        'pay-sheet__amount',
      ),
      element('div', 'font-size:12px;color:#9a948a', `商户单号 ${outTradeNo} · 不会真实扣款`),
    )
    const buttons = BUTTONS.map(([outcome, className, label]) => {
      const button = element('button', BUTTON, label, className) as HTMLButtonElement
      button.type = 'button'
      if (outcome === 'paid') button.style.cssText += ';background:#b4532a;color:#fff'
      button.addEventListener('click', async () => {
        buttons.forEach((b) => (b.disabled = true))
        button.textContent = '处理中…'
        const taken = await tellLocalCloud(outTradeNo, outcome)
        sheet.remove()
        resolve(outcome === 'paid' && !taken ? 'failed' : outcome)
      })
      return button
    })
    panel.append(...buttons)
    sheet.append(panel)
    document.body.append(sheet)
    buttons[0].focus()
  })
}
