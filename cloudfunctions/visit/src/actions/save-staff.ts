// visit.saveStaff — the owner. A new person gets an id (from the request id when given, so a retry
// finds the row it added), an unbound openid and an invite code (INVITE_DAYS) to join with; an
// edit keeps the openid and the role, and renews an expired code nobody used. Deactivating
// someone who holds visits from today on, or taking away a skill or district one of those visits
// needs, answers STAFF_HAS_VISITS and writes nothing (the owner reassigns first); the owner's own
// row stays active. Not a transaction: an assignment racing a deactivation can still land (派单
// shows it to reassign).
import { createHash, randomBytes, randomInt } from 'node:crypto'
import { visitStaffApi } from '@/domain/api/visit-staff'
import { chinaDateOf, chinaDayRange } from '@/domain/china-date'
import { fail, ok } from '@/domain/result'
import type { StaffRecord } from '@/domain/visit-booking'
import { visitFail } from '@/domain/visit-errors'
import {
  INVITE_DAYS,
  isJoined,
  makeInviteCode,
  unboundOpenid,
  type StaffInvite,
} from '@/domain/visit-staff'
import { HOLDING_VISIT_NODES } from '@/domain/visit-types'
import { currentTime } from '@/cloud/clock'
import { command, countOf, readDoc } from '@/cloud/database'
import { staffRows } from '@/cloud/staff'
import { visits } from '@/cloud/visits'
import { defineOwnerAction } from './define'
import { readUpcomingHours, toStaffView } from './staff-view'

const DAY_MS = 24 * 60 * 60 * 1000

const newInvite = (now: Date): StaffInvite => ({
  code: makeInviteCode((n) => randomInt(n)),
  expiresAt: new Date(now.getTime() + INVITE_DAYS * DAY_MS),
  usedAt: null,
})

const newStaffId = (requestId: string | undefined) =>
  `staff_${requestId ? createHash('sha256').update(requestId).digest('hex').slice(0, 16) : randomBytes(8).toString('hex')}`

export const saveStaff = defineOwnerAction(visitStaffApi.saveStaff, async (input) => {
  const now = currentTime()
  const today = chinaDateOf(now)
  const fields = {
    name: input.name,
    skills: input.skills,
    districts: input.districts,
    weeklyHours: input.weeklyHours,
    updatedAt: now,
  }
  if (!input.staffId) {
    const _id = newStaffId(input.requestId)
    const row: StaffRecord = {
      _id,
      openid: unboundOpenid(_id),
      role: 'staff',
      ...fields,
      active: input.active ?? true,
      invite: newInvite(now),
      createdAt: now,
    }
    // A retry's add fails on the duplicate id: the person it added is the answer, code and all.
    const added = await (staffRows().add({ data: row }) as Promise<unknown>).then(
      () => row,
      () => readDoc<StaffRecord>(staffRows().doc(_id)),
    )
    if (!added) return fail('INTERNAL', '添加师傅失败，请重试')
    return ok({ staff: toStaffView(added, [], today) })
  }

  const staffId = input.staffId
  const [stored, own] = await Promise.all([
    readDoc<StaffRecord>(staffRows().doc(staffId)),
    readUpcomingHours(today, staffId),
  ])
  if (!stored) return fail('NOT_FOUND', '没有找到这位师傅', 'staffId')
  const active = input.active ?? stored.active
  const held = {
    staffId,
    node: command.in([...HOLDING_VISIT_NODES]),
    'window.start': command.gte(chinaDayRange(today).start),
  }
  if (stored.active && !active) {
    if (stored.role === 'owner') return visitFail('OWNER_ROW', undefined, 'active')
    const count = await countOf(visits().where(held))
    if (count > 0)
      return visitFail(
        'STAFF_HAS_VISITS',
        `${stored.name}还有 ${count} 个未完成的上门，请先在派单里改派再停用`,
        'active',
      )
  } else if (active) {
    const skills = stored.skills.filter((skill) => !fields.skills.includes(skill))
    const districts = stored.districts.filter((district) => !fields.districts.includes(district))
    const needing = [
      ...(skills.length ? [{ kind: command.in(skills) }] : []),
      ...(districts.length ? [{ district: command.in(districts) }] : []),
    ]
    const count = needing.length
      ? await countOf(visits().where(command.and([held, command.or(needing)])))
      : 0
    if (count > 0)
      return visitFail(
        'STAFF_HAS_VISITS',
        `${stored.name}还有 ${count} 个未完成的上门需要去掉的技能或区域，请先在派单里改派`,
        skills.length ? 'skills' : 'districts',
      )
  }
  const expired = !stored.invite || new Date(stored.invite.expiresAt) <= now
  const invite = !isJoined(stored) && expired ? newInvite(now) : stored.invite
  const update = { ...fields, active, ...(invite ? { invite } : {}) }
  await staffRows().doc(staffId).update({ data: update })
  return ok({ staff: toStaffView({ ...stored, ...update }, own, today) })
})
