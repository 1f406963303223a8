// What the visit function decides before it writes: the visits an order's options include, the
// district staff serve, a stable visit id per request, and the visit codes' messages.
import { addDays } from '@/domain/china-date'
import {
  BOOKING_HORIZON_DAYS,
  customerWindows,
  districtOf,
  visitIdFor,
  visitKindsOf,
} from '@/domain/visit-booking'
import { VISIT_ERROR_MESSAGES, isVisitErrorCode, visitFail } from '@/domain/visit-errors'
import { ERROR_MESSAGES } from '@/domain/errors'
import { DEMO_PRODUCTS } from '../../tools/seed/demo'
import { at, DAY } from './visit-factories'

const curtain = DEMO_PRODUCTS.find((product) => product._id === 'prod_curtain')!
const options = (installation: string) => ({
  options: { fabric: ['polyester'], heading: ['hooks'], installation: [installation] },
})

describe('visitKindsOf', () => {
  test.each([
    ['onsite', ['measuring', 'installing']],
    ['self', []],
  ])('the curtain with installation %s includes %j', (choice, kinds) => {
    expect(visitKindsOf(curtain, options(choice))).toEqual(kinds)
  })

  test('a choice not in the selection, or a product without service options, includes none', () => {
    const shirt = DEMO_PRODUCTS.find((product) => product._id === 'prod_shirt')!
    expect(visitKindsOf(curtain, { options: {} })).toEqual([])
    expect(visitKindsOf(shirt, { options: { collar: ['spread'] } })).toEqual([])
  })
})

test.each([
  ['上海市 徐汇区', '徐汇区'],
  ['浙江省 杭州市 西湖区', '西湖区'],
  ['  上海市   浦东新区  ', '浦东新区'],
  ['北京市', '北京市'],
])('districtOf(%s) is %s', (region, district) => {
  expect(districtOf({ region })).toBe(district)
})

test('a visit id is stable per (customer, request) and differs between customers', () => {
  expect(visitIdFor('o_a', 'req-12345678')).toBe(visitIdFor('o_a', 'req-12345678'))
  expect(visitIdFor('o_a', 'req-12345678')).not.toBe(visitIdFor('o_b', 'req-12345678'))
  expect(visitIdFor('o_a', 'req-12345678')).toMatch(/^vis_[0-9a-z]{22}$/)
})

test('visit codes are their own, each with a Chinese message', () => {
  for (const [code, message] of Object.entries(VISIT_ERROR_MESSAGES)) {
    expect(isVisitErrorCode(code)).toBe(true)
    expect(code in ERROR_MESSAGES).toBe(false)
    expect(message).toMatch(/[\u4e00-\u9fa5]/)
  }
  expect(isVisitErrorCode('toString')).toBe(false)
  expect(visitFail('NO_STAFF')).toEqual({
    ok: false,
    code: 'NO_STAFF',
    message: VISIT_ERROR_MESSAGES.NO_STAFF,
  })
})

describe('customerWindows: from now plus the 12-hour lead, up to the 30-day horizon', () => {
  const zhang = {
    id: 'staff_zhang',
    name: '张师傅',
    skills: ['measuring' as const],
    districts: ['浦东新区'],
    weeklyHours: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, from: '09:00', to: '18:00' })),
    active: true,
  }
  const request = { date: DAY, kind: 'measuring' as const, district: '浦东新区' }
  const firstStart = (now: Date) =>
    customerWindows(request, now, [zhang], [])[0]?.window.start ?? null

  test.each([
    [`${BOOKING_HORIZON_DAYS} days before`, BOOKING_HORIZON_DAYS, at('09:00')],
    [`${BOOKING_HORIZON_DAYS + 1} days before`, BOOKING_HORIZON_DAYS + 1, null],
  ])('asked %s the day, the first window is %s', (_, daysBefore, first) => {
    expect(firstStart(at('10:00', addDays(DAY, -daysBefore)))).toEqual(first)
  })

  test('nothing starts within 12 hours of now', () => {
    expect(firstStart(at('00:00'))).toEqual(at('12:00'))
    expect(firstStart(at('07:00'))).toBeNull()
  })
})
