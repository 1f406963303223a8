// A double tap on 提交订单: the first tap submits and opens the simulated subscribe sheet, the
// second lands where the finger already was, while the sheet is on screen. It must grant nothing:
// the sheet opens away from that tap, and its choices ignore taps before it has been seen.
import type { MessageSettings } from '@/domain/messages'
import { ACTIONS, FUNCTIONS } from '@/domain/names'
import { DEMO_USERS } from '../../tools/seed/demo'
import { setupH5App } from './app'
import { openPhonePage } from './browser'
import { answerPaySheet } from './h5-driver'

const app = setupH5App()
const WAIT = { timeout: 20_000 }
const consumerA = DEMO_USERS.find((user) => user.openid === 'o_demo_consumer_a')!
const ADDRESS = {
  name: '林晓',
  phone: '13812345678',
  region: '上海市 徐汇区',
  detail: '漕溪北路 100 号',
}

async function credits(): Promise<number[]> {
  const result = (await app.cloud.invoke(
    FUNCTIONS.message,
    { action: ACTIONS.message.settings },
    consumerA.openid,
  )) as { ok: boolean; data: MessageSettings }
  expect(result.ok).toBe(true)
  return result.data.items.map((item) => item.credits)
}

test('the second tap of a double tap on 提交订单 grants no message credits', async () => {
  const { page, errors } = await openPhonePage(app.browser, app.cloud.url)
  await page.locator('.product-card[data-id="prod_shirt"]').click()
  const sizes = { neck: '39', chest: '96', shoulder: '45', sleeve: '62', length: '75' }
  await page.locator('.measurement[data-measurement="neck"] input').waitFor(WAIT)
  for (const [id, value] of Object.entries(sizes)) {
    const input = page.locator(`.measurement[data-measurement="${id}"] input`)
    await input.fill(value)
    await input.blur()
  }
  await page.locator('.customise .quote__total-amount').waitFor(WAIT)
  await page.locator('.bottom-bar__next').getByText('下一步').click()
  for (const [field, value] of Object.entries(ADDRESS))
    await page.locator(`.address-field[data-field="${field}"] input`).fill(value)
  await page.locator('.confirm .quote__total-amount').waitFor(WAIT)
  expect((await credits()).every((n) => n === 0)).toBe(true)

  const box = (await page.locator('.submit-order').boundingBox())!
  const x = box.x + box.width / 2
  const y = box.y + box.height / 2
  await page.mouse.click(x, y)
  await page.locator('.subscribe-sheet').waitFor({ state: 'attached', ...WAIT })
  await expect(
    page.locator('.subscribe-sheet__confirm').getAttribute('aria-disabled'),
  ).resolves.toBe('true')
  // A stray tap reaches 确定 itself, and the finger comes down again on the same spot.
  await page.locator('.subscribe-sheet__confirm').dispatchEvent('click')
  await page.mouse.click(x, y)

  await page.waitForTimeout(800)
  expect(await credits()).toEqual((await credits()).map(() => 0))
  await expect(page.locator('.subscribe-sheet').count()).resolves.toBe(1)
  // 确定 is nowhere near the spot the sheet was opened from, and now takes taps.
  const confirm = (await page.locator('.subscribe-sheet__confirm').boundingBox())!
  expect(y < confirm.y || y > confirm.y + confirm.height).toBe(true)
  await expect(
    page.locator('.subscribe-sheet__confirm').getAttribute('aria-disabled'),
  ).resolves.toBeNull()

  // Answered deliberately (取消 here), the journey goes on, still without a credit.
  await page.locator('.subscribe-sheet__cancel').click()
  await answerPaySheet(page, 'paid')
  await page.waitForURL(/pages\/order\/index\?id=/, WAIT)
  expect((await credits()).every((n) => n === 0)).toBe(true)
  expect(errors).toEqual([])
}, 60_000)
