// The staff-account rules (src/domain/visit-staff.ts), table by table: the invite code, hours that
// must not overlap, the dates a day's hours may be set for, and which held visits new hours leave.
import {
  dailyHoursCheck,
  hoursDateProblem,
  INVITE_ALPHABET,
  inviteCodeCheck,
  isJoined,
  makeInviteCode,
  unboundOpenid,
  uncoveredVisits,
  upcomingHours,
  weeklyHoursCheck,
} from '@/domain/visit-staff'

const at = (time: string) => new Date(`2026-12-07T${time}:00+08:00`)

test.each([
  ['abcd efgh', 'ABCDEFGH'],
  ['K7M2P9', 'K7M2P9'],
])('the typed code %j reads as %s', (typed, code) => {
  expect(inviteCodeCheck(typed, 'code')).toEqual({ ok: true, value: code })
})

test.each(['ABCDE', 'ABCDEFGHJ', 'ABCD0FGH', 'ABCDOFGH', 'ABCD1FGH', 'ABCDIFGH', 'ABCDLFGH', 42])(
  'the code %j is refused',
  (typed) => {
    expect(inviteCodeCheck(typed, 'code')).toMatchObject({ ok: false, path: 'code' })
  },
)

test('a made code has eight characters of the alphabet, whatever the draw', () => {
  for (const pick of [() => 0, (n: number) => n - 1, (n: number) => Math.floor(n / 2)]) {
    const code = makeInviteCode(pick)
    expect(code).toHaveLength(8)
    expect([...code].every((c) => INVITE_ALPHABET.includes(c))).toBe(true)
  }
})

test('an unbound row is not joined; a bound one is', () => {
  expect(isJoined({ openid: unboundOpenid('staff_1') })).toBe(false)
  expect(isJoined({ openid: 'o_demo_staff' })).toBe(true)
})

test.each([
  [[], true],
  [
    [
      { from: '09:00', to: '12:00' },
      { from: '12:00', to: '18:00' },
    ],
    true,
  ],
  [
    [
      { from: '09:00', to: '12:00' },
      { from: '11:59', to: '18:00' },
    ],
    false,
  ],
  [[{ from: '18:00', to: '09:00' }], false],
  [[{ from: '9:00', to: '12:00' }], false],
])('a day of %j is accepted: %s', (hours, accepted) => {
  expect(dailyHoursCheck(hours, 'hours').ok).toBe(accepted)
})

test('weekly hours overlap only within one weekday, and the refusal names the day', () => {
  const mondayAndTuesday = [
    { weekday: 1, from: '09:00', to: '18:00' },
    { weekday: 2, from: '10:00', to: '12:00' },
  ]
  expect(weeklyHoursCheck(mondayAndTuesday, 'weeklyHours').ok).toBe(true)
  const twiceMonday = [...mondayAndTuesday, { weekday: 1, from: '17:00', to: '19:00' }]
  expect(weeklyHoursCheck(twiceMonday, 'weeklyHours')).toMatchObject({
    ok: false,
    message: expect.stringContaining('周一'),
  })
})

test.each([
  ['2026-12-01', '不能修改已经过去的日期'],
  ['2026-12-02', null],
  ['2027-01-31', null],
  ['2027-02-01', '只能安排 60 天内的工时'],
])('hours for %s (today 2026-12-02): %s', (date, problem) => {
  expect(hoursDateProblem(date, '2026-12-02')).toBe(problem)
})

test('the next days: a day’s own hours replace the weekly ones; a day off has none', () => {
  const weekly = [{ weekday: 1, from: '09:00', to: '18:00' }]
  const own = new Map([['2026-12-14', []]])
  const days = upcomingHours(weekly, own, '2026-12-07', 8)
  expect(days[0]).toEqual({ date: '2026-12-07', hours: ['09:00–18:00'], own: false })
  expect(days[1]).toEqual({ date: '2026-12-08', hours: [], own: false })
  expect(days[7]).toEqual({ date: '2026-12-14', hours: [], own: true })
})

test('new hours leave uncovered the visits outside every span', () => {
  const morning = { id: 'a', window: { start: at('09:00'), end: at('11:00') } }
  const afternoon = { id: 'b', window: { start: at('14:00'), end: at('16:00') } }
  const spans = [{ start: at('08:00'), end: at('12:00') }]
  expect(uncoveredVisits([morning, afternoon], spans).map((v) => v.id)).toEqual(['b'])
  expect(uncoveredVisits([morning, afternoon], []).map((v) => v.id)).toEqual(['a', 'b'])
})
