// The pinned place on the weapp build (issue 18): the customer marks the place on WeChat's map
// (chooseLocation, the wx stand-in's scripted answer) while booking; 张师傅's 导航 on 我的任务 opens
// it with openLocation. A visit without a pin keeps copying the address.
import { COLLECTIONS } from '@/domain/names'
import type { VisitRecord } from '@/domain/visit-types'
import { consumerA } from '../journeys/shop'
import { placeCurtain, visitDay } from '../journeys/visits'
import { setupWeappApp } from './harness/app'
import { WeappDriver } from './harness/driver'

const app = setupWeappApp(consumerA, { launch: false })
const PLACE = { name: '人民广场', address: '上海市黄浦区', latitude: 31.2304, longitude: 121.4737 }

test('a place pinned at booking opens in WeChat’s map from 张师傅’s 导航', async () => {
  const day = visitDay()
  const order = await placeCurtain(app.cloud, `weapp-location-${Date.now().toString(36)}`)
  await app.phone.switchUser(consumerA)
  const phone = new WeappDriver(app.phone)
  await phone.open(`account/pages/visit/index?orderId=${order._id}&kind=measuring`)
  // Closing the map pins nothing; picking a place shows it.
  await phone.tap('.visit-book__pin', '标记位置')
  await phone.see('.visit-book__pin', '标记位置')
  app.phone.wx.locationAnswer = PLACE
  await phone.tap('.visit-book__pin')
  await phone.see('.visit-book__pin', '位置：人民广场')
  await phone.tap(`.visit-day--${day}`)
  await phone.tap('.visit-window', '09:00–11:00')
  await phone.tapAndAnswerSheet('.visit-book__submit', 'accept')
  await phone.see('.visit-card__staff', '张师傅')
  const [visit] = (await app.cloud.store.find(COLLECTIONS.visits, {
    orderId: order._id,
  })) as VisitRecord[]
  expect(visit.location).toEqual({ latitude: 31.2304, longitude: 121.4737, name: '人民广场' })

  app.cloud.clock.set(new Date(`${day}T08:30:00+08:00`))
  try {
    await app.phone.switchUser('o_demo_staff')
    const staff = new WeappDriver(app.phone)
    await staff.open('service/pages/tasks/index')
    await staff.see('.task-card__window', '09:00–11:00')
    await staff.tap('.task-card__button--navigate', '导航')
    expect(app.phone.wx.openedLocations).toEqual([
      {
        latitude: 31.2304,
        longitude: 121.4737,
        name: '人民广场',
        address: visit.address,
      },
    ])
    expect(app.phone.wx.clipboard).toBe('')
  } finally {
    app.cloud.clock.set(null)
  }
})
