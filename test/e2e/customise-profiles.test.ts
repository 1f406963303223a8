// The customise page and the profiles page it links to: a profile made or edited there is what
// the customise page offers and fills on return, without reopening the product.
import type { Page } from 'playwright-core'
import { ACTIONS, FUNCTIONS } from '@/domain/names'
import { setupH5App } from './app'
import { openPhonePage } from './browser'

const app = setupH5App()
const WAIT = { timeout: 20_000 }

const field = (page: Page, id: string) =>
  page.locator(`.measurement[data-measurement="${id}"] input >> visible=true`)

async function fillProfileField(page: Page, id: string, value: string) {
  await page.locator(`.profile-field__input--${id} input >> visible=true`).fill(value)
}

let page: Page
let errors: string[]

beforeAll(async () => {
  ;({ page, errors } = await openPhonePage(
    app.browser,
    `${app.cloud.url}/#/pages/product/index?id=prod_shirt`,
  ))
})

test('a profile saved from 去建立 is offered on return and fills the measurements', async () => {
  await page.locator('.profile-picker__link >> visible=true').getByText('还没有量体档案').click()
  await page.locator('.consent-card__agree >> visible=true').click()
  await page.locator('.profiles-add >> visible=true').click()
  await fillProfileField(page, 'name', '本人')
  await fillProfileField(page, 'neck', '39')
  await page.locator('.profile-button--save >> visible=true').click()
  await page.locator('.profile-card >> visible=true').getByText('本人').waitFor(WAIT)

  await page.goBack()
  await page.locator('.profile-chip[data-profile] >> visible=true').getByText('本人').waitFor(WAIT)
  await expect(page.locator('.profile-picker__link >> visible=true').count()).resolves.toBe(0)
  await page.locator('.profile-chip[data-profile] >> visible=true').click()
  await expect(field(page, 'neck').inputValue()).resolves.toBe('39')
  expect(errors).toEqual([])
}, 60_000)

test('after editing the profile, its chip fills the values saved now', async () => {
  await page.locator('.profile-chip--ghost >> visible=true').click()
  await page.locator('.profile-card >> visible=true').getByText('编辑').click()
  await fillProfileField(page, 'neck', '40')
  await fillProfileField(page, 'chest', '98')
  await fillProfileField(page, 'shoulder', '45.5')
  await fillProfileField(page, 'sleeve', '62')
  await fillProfileField(page, 'length', '76')
  await page.locator('.profile-button--save >> visible=true').click()
  await page
    .locator('.profile-card__values >> visible=true')
    .getByText('衣长 76cm', { exact: false })
    .waitFor(WAIT)

  // The list is read again on show; tap once it has answered (the chip is the same profile).
  const reread = page.waitForResponse(
    (response) =>
      response.url().includes(`/cloud/invoke/${FUNCTIONS.profile}`) &&
      response.request().postDataJSON()?.action === ACTIONS.profile.list,
    WAIT,
  )
  await page.goBack()
  await reread
  await page.locator('.profile-chip[data-profile] >> visible=true').click()
  const filled = Object.fromEntries(
    await Promise.all(
      ['neck', 'chest', 'shoulder', 'sleeve', 'length'].map(
        async (id) => [id, await field(page, id).inputValue()] as const,
      ),
    ),
  )
  expect(filled).toEqual({ neck: '40', chest: '98', shoulder: '45.5', sleeve: '62', length: '76' })
  expect(errors).toEqual([])
}, 60_000)
