// 师傅管理 (issue 18), described once and run on both platforms: the owner adds 王师傅 (measuring,
// 宝山区 — a district no other journey books, every day 09:00–18:00) and gets an invite code; a new
// WeChat account opens the shared link and joins with it, and takes today off on 我的任务 (请假);
// the owner gives 王师傅 tomorrow off. 派单's day plan (visit.dispatch) then gives him no hours.
// With a second span on Mondays (saved by another client), editing him keeps it.
import { addDays, chinaDateOf } from '@/domain/china-date'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import type { JourneyContext } from './driver'
import { merchant } from './shop'

const TEAM = 'team/pages/staff/index'
const WANG = 'o_journey_wang'
const WANG_CARD = '.staff-card:last-child'

/** 王师傅's hours on `date` as 派单 plans them; undefined while he is not in the plan. */
async function plannedHours(ctx: JourneyContext, date: string): Promise<string[] | undefined> {
  const answer = (await ctx.cloud.invoke(
    FUNCTIONS.visit,
    { action: 'dispatch', payload: { date } },
    merchant,
  )) as { data: { staff: { name: string; hours: string[] }[] } }
  return answer.data.staff.find((person) => person.name === '王师傅')?.hours
}

export async function ownerAddsWangWhoJoinsAndTakesADayOff(ctx: JourneyContext): Promise<void> {
  const tomorrow = addDays(chinaDateOf(new Date()), 1)
  const shop = await ctx.driverFor(merchant)
  await shop.open(TEAM)
  await shop.tap('.team__add', '添加师傅')
  await shop.fill('.staff-form__name', '王师傅')
  await shop.fill('.staff-form__districts', '宝山区')
  for (const day of ['周一', '周二', '周三', '周四', '周五', '周六', '周日'])
    await shop.tap('.staff-form__day .staff-form__chip', day)
  await shop.tap('.staff-form__save', '保存')
  await shop.seeToast('已添加')
  expect(shop.errors()).toEqual([])
  await shop.see(`${WANG_CARD} .staff-card__state`, '待加入')
  const [shown] = await shop.texts(`${WANG_CARD} .staff-card__code`)
  const code = shown.replace('邀请码', '').trim()
  expect(code).toMatch(/^[A-Z2-9]{8}$/)
  // Not joined yet: nobody could see his visits, so 派单 does not plan him.
  expect(await plannedHours(ctx, tomorrow)).toBeUndefined()

  const wang = await ctx.driverFor(WANG)
  await wang.open(`team/pages/join/index?code=${code}`)
  expect(await wang.valueOf('.join__input')).toBe(code)
  await wang.tap('.join__submit', '加入')
  await wang.see('.join__title', '欢迎，王师傅')
  expect(await plannedHours(ctx, tomorrow)).toEqual(['09:00–18:00'])
  // 王师傅 takes today off himself, from 我的任务 (no visits hold his time).
  const today = chinaDateOf(new Date())
  expect(await plannedHours(ctx, today)).toEqual(['09:00–18:00'])
  await wang.open('service/pages/tasks/index')
  await wang.tapAndAnswerModal('.tasks__leave', true, '这天请假')
  await wang.seeToast('已请假')
  expect(wang.errors()).toEqual([])
  expect(await plannedHours(ctx, today)).toEqual([])

  const owner = await ctx.driverFor(merchant)
  await owner.open(TEAM)
  await owner.see(`${WANG_CARD} .staff-card__state`, '已加入')
  await owner.tap(`${WANG_CARD} .staff-card__hours-open`, '某天工时')
  await owner.see('.day-hours__date', tomorrow)
  await owner.tap('.day-hours__save', '保存这天')
  await owner.seeToast('已保存')
  await owner.see(`${WANG_CARD} .staff-card__own`, `${tomorrow}：休息`)
  expect(owner.errors()).toEqual([])
  expect(await plannedHours(ctx, tomorrow)).toEqual([])

  const stored = async () =>
    (await ctx.cloud.store.find(COLLECTIONS.staff, { name: '王师傅' }))[0] as {
      _id: string
      weeklyHours: { weekday: number; from: string; to: string }[]
    }
  const { _id: staffId, weeklyHours } = await stored()
  const evening = { weekday: 1, from: '19:00', to: '21:00' }
  const twoSpans = await ctx.cloud.invoke(
    FUNCTIONS.visit,
    {
      action: 'saveStaff',
      payload: {
        staffId,
        name: '王师傅',
        skills: ['measuring'],
        districts: ['宝山区'],
        weeklyHours: [...weeklyHours, evening],
      },
    },
    merchant,
  )
  expect(twoSpans).toMatchObject({ ok: true })
  await owner.open(TEAM)
  await owner.tap(`${WANG_CARD} .staff-card__edit`, '编辑')
  await owner.see('.staff-form__day--1 .staff-form__more', '另 19:00–21:00')
  await owner.tap('.staff-form__save', '保存')
  await owner.seeToast('已保存')
  expect(owner.errors()).toEqual([])
  expect((await stored()).weeklyHours).toContainEqual(evening)
  expect((await stored()).weeklyHours).toHaveLength(8)
}
