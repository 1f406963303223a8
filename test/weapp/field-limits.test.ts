// Weapp only (the attribute WeChat's <input> obeys): every text input stops where the server's own
// check stops, read from that check, not from a number written again in the page.
import { ADDRESS_FIELDS } from '@/domain/address'
import { CARRIER_MAX, NOTE_MAX, TRACKING_NO_MAX } from '@/domain/order-input'
import { DEMO_PRODUCTS } from '../../tools/seed/demo'
import { SHIRT_SIZES, consumerA, merchant, placeShirt, toQualityCheck } from '../journeys/shop'
import { setupWeappApp } from './harness/app'
import { WeappDriver } from './harness/driver'
import { attributeOf } from './harness/mini-program'
import { findAll, waitFor } from './harness/screen'

const app = setupWeappApp(consumerA)

const maxlengthOf = async (css: string, index = 0) => {
  await waitFor(app.phone, css)
  return Number(attributeOf(findAll(app.phone, css)[index]!, 'maxlength'))
}

test('the curtain’s 安装说明 and the address stop at the server’s limits', async () => {
  await app.phone.switchUser(consumerA)
  const remark = DEMO_PRODUCTS.find((p) => p._id === 'prod_curtain')!.textFields[0]
  await app.phone.reLaunch('/pages/product/index?id=prod_curtain')
  // The curtain's one text field (data-* attributes do not reach the harness's DOM).
  await expect(maxlengthOf('.text-field__input')).resolves.toBe(remark.maxLength)

  const phone = new WeappDriver(app.phone)
  await app.phone.reLaunch('/pages/product/index?id=prod_shirt')
  for (const [label, value] of Object.entries(SHIRT_SIZES)) {
    await phone.fill('.measurement', value, label)
  }
  await phone.see('.quote__total-amount')
  await phone.tap('.bottom-bar__next', '下一步')
  await phone.onPage('shop/pages/confirm/index')
  // In the form's order: 收货人, 手机号码, 所在地区, 详细地址.
  for (const [index, field] of (['name', 'phone', 'region', 'detail'] as const).entries()) {
    await expect(maxlengthOf('.address-field__input', index)).resolves.toBe(
      ADDRESS_FIELDS[field].maxLength,
    )
  }
  expect(ADDRESS_FIELDS.detail.maxLength).toBe(100)
}, 60_000)

test('the shipping form stops at the carrier’s and tracking number’s limits', async () => {
  const { id } = await placeShirt(app.cloud, consumerA, 'limits')
  await toQualityCheck(app.cloud, id)
  await app.phone.switchUser(merchant)
  await app.phone.reLaunch(`/merchant/pages/order/index?id=${id}`)
  const phone = new WeappDriver(app.phone)
  await phone.tap('.m-order-action--ship')
  await expect(maxlengthOf('.action-form__carrier')).resolves.toBe(CARRIER_MAX)
  await expect(maxlengthOf('.action-form__tracking')).resolves.toBe(TRACKING_NO_MAX)
  await expect(maxlengthOf('.action-form__note')).resolves.toBe(NOTE_MAX)
}, 60_000)
