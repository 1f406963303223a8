// 经营洞察 on the weapp build: the merchant opens it from the nav and sees each product's funnel
// (list views, detail opens, orders and the step rates) and this week's demand with 需求激增.
import type { ListViewRecord } from '@/domain/list-views'
import { ACTIONS, COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { ORDER_ADDRESS, consumerA, merchant, orderCall, payThroughTheCloud } from '../journeys/shop'
import { setupWeappApp } from './harness/app'
import { WeappDriver } from './harness/driver'
import { waitForValue } from '../helpers/wait'

const app = setupWeappApp(merchant, { launch: false })

test('the funnel and the demand signals show with their figures', async () => {
  // This week: three linen shirts to Hangzhou in one order.
  const { order } = await orderCall(
    app.cloud,
    ACTIONS.order.create,
    {
      requestId: `insights-${Date.now().toString(36)}`,
      productId: 'prod_shirt',
      selection: {
        options: { fabric: ['linen'], collar: ['spread'], cuff: ['barrel'] },
        measurements: { neck: 39, chest: 98, shoulder: 45.5, sleeve: 62, length: 76 },
        texts: {},
        quantity: 3,
        urgent: false,
      },
      address: { ...ORDER_ADDRESS, region: '浙江省 杭州市 西湖区' },
    },
    consumerA,
  )
  await payThroughTheCloud(app.cloud, order._id, consumerA)
  // Two home pages (the catalog list) and one detail open, as the customer.
  await app.cloud.invoke(FUNCTIONS.user, { action: ACTIONS.user.home }, consumerA)
  await app.cloud.invoke(FUNCTIONS.user, { action: ACTIONS.user.home }, consumerA)
  await app.cloud.invoke(
    FUNCTIONS.catalog,
    { action: ACTIONS.catalog.get, payload: { productId: 'prod_shirt' } },
    consumerA,
  )

  await app.phone.switchUser(merchant)
  // The merchant's launch opens the home page too: its list view lands before 洞察 is read.
  await waitForValue(
    async () => {
      const shards = (await app.cloud.store.find(COLLECTIONS.listViews)) as ListViewRecord[]
      return shards.reduce((sum, shard) => sum + (shard.views.prod_shirt ?? 0), 0)
    },
    (views) => views === 3,
    '商家首页的列表曝光',
  )
  const driver = new WeappDriver(app.phone)
  await driver.open('merchant/pages/dashboard/index')
  await driver.tap('.merchant-nav__item--insights', '洞察')
  await driver.see('.merchant-nav__item--active', '洞察')
  await driver.see('.funnel-row', '量体定制衬衫')
  // The customer's two home pages and the one switchUser opens as the merchant.
  await driver.see('.funnel-row', '列表曝光 3')
  await driver.see('.funnel-row', '详情浏览 1')
  await driver.see('.funnel-row', '下单 1')
  await driver.see('.funnel-row', '→ 33% →')
  await driver.see('.funnel-row', '→ 100% →')
  await driver.see('.insights-note', '个性化推荐')
  await driver.see('.demand-row', '本周 3 · 上周 0 · +3')
  await driver.see('.demand-row__surge', '需求激增')
  await driver.see('.demand-row', '量体定制衬衫 · 面料：法国亚麻')
  await driver.see('.demand-row', '浙江省 杭州市')
  expect(app.phone.consoleErrors).toEqual([])
}, 60_000)
