// The visit function's database side (docs/visits.md): a day's plan (staff, their own hours,
// the visits holding their time) read before a transaction, and `applyVisitEvent`, the one
// transaction every change of a visit goes through.
//
// Invariant (one person, one place): a visit that holds a staff member's time owns the
// slot_claims documents of slotClaimIds(staffId, window). The transaction re-reads the visit,
// asks the state table, gets each claim it needs and answers SLOT_TAKEN if another visit holds
// one; only then does it write: old claims removed, new ones set, the visit, the audit row. Two
// racing transactions that create one claim cannot both commit: the second conflicts, is retried,
// then sees the claim. Every check comes before the first write, so a refusal writes nothing.
import { chinaDateOf, chinaDayRange, type ChinaDate } from '../domain/china-date'
import { COLLECTIONS } from '../domain/names'
import { fail, ok, type Result } from '../domain/result'
import type { AvailabilityOverride } from '../domain/visit-hours'
import { slotClaimIds, type BookedVisit, type StaffMember } from '../domain/visit-assign'
import { toStaffMember, type StaffRecord } from '../domain/visit-booking'
import { isJoined } from '../domain/visit-staff'
import { canVisit, type VisitGuardContext } from '../domain/visit-machine'
import type { OutboxStatus } from '../domain/messages'
import { staleReminderId, WITHDRAWABLE_REMINDER_STATUSES } from '../domain/visit-reminder'
import {
  HOLDING_VISIT_NODES,
  type TimeWindow,
  type VisitEvent,
  type VisitNode,
  type VisitRecord,
  type VisitRole,
} from '../domain/visit-types'
import {
  command,
  db,
  inTransaction,
  readDoc,
  readList,
  readUpTo,
  withoutId,
  type Transaction,
} from './database'
import { staffRows } from './staff'

export const visits = () => db.collection(COLLECTIONS.visits)

/** More staff than a made-to-order shop employs; more visits than one day holds. */
const MAX_STAFF = 100
const MAX_DAY_VISITS = 1000

/** Who could go that China day: the active staff, their own hours, the visits holding their time. */
export interface DayPlan {
  staff: StaffMember[]
  rows: StaffRecord[]
  overrides: AvailabilityOverride[]
  booked: BookedVisit[]
}

/** Three reads (indexes: staff `active`, availability `date`, visits `node, window.start`). */
export async function readDay(date: ChinaDate): Promise<DayPlan> {
  const { start, end } = chinaDayRange(date)
  const [rows, overrides, holding] = await Promise.all([
    readList<StaffRecord>(staffRows().where({ active: true }).limit(MAX_STAFF)),
    readList<AvailabilityOverride>(
      db.collection(COLLECTIONS.availability).where({ date }).limit(MAX_STAFF),
    ),
    readUpTo<VisitRecord>(
      visits()
        .where({
          node: command.in([...HOLDING_VISIT_NODES]),
          'window.start': command.gte(start).and(command.lt(end)),
        })
        .field({ _id: true, staffId: true, window: true }),
      MAX_DAY_VISITS,
    ),
  ])
  const booked = holding
    .filter((visit) => visit.staffId)
    .map((visit) => ({ id: visit._id, staffId: visit.staffId as string, window: windowOf(visit) }))
  // A row nobody has joined yet goes nowhere: its person could not see the visit.
  const joined = rows.filter(isJoined)
  return { staff: joined.map(toStaffMember), rows: joined, overrides, booked }
}

/** A window as stored, or as it came back through JSON. */
export const windowOf = (visit: Pick<VisitRecord, 'window'>): TimeWindow => ({
  start: new Date(visit.window.start),
  end: new Date(visit.window.end),
})

export const dayOf = (visit: Pick<VisitRecord, 'window'>): ChinaDate =>
  chinaDateOf(windowOf(visit).start)

export interface VisitChange {
  event: VisitEvent
  /** The caller's role on this visit (a merchant booking for themselves is its customer). */
  role: VisitRole | ((visit: VisitRecord) => VisitRole)
  ctx: VisitGuardContext & { now: Date }
  actorOpenid: string | null
  /** Refused with CONFLICT when the visit has moved on. */
  expectedVersion?: number
  /** Whom the caller may see: otherwise NOT_FOUND, so an id of someone else's reveals nothing. */
  visible: (visit: VisitRecord) => boolean
  /** A new window and/or person; left out, they stay. */
  hold?: { window?: TimeWindow; staff?: { id: string; name: string } | null }
  /** The node after the event when the table's `same` does not fit (a reschedule without a person). */
  node?: (to: VisitNode) => VisitNode
  /** Further fields (the report, the rating). */
  fields?: Partial<VisitRecord>
  note?: string
  /**
   * A document written once with the change (a report): present, the change was applied
   * before and the transaction answers the visit as it is, writing nothing.
   */
  once?: { collection: string; id: string; data: object }
}

export type Applied = { visit: VisitRecord; already: boolean }

const claimsOf = (node: VisitNode, staffId: string | null, window: TimeWindow) =>
  staffId && HOLDING_VISIT_NODES.includes(node) ? slotClaimIds(staffId, window) : []

/** A 预约提醒 queued for the old time or person is removed unless a send has claimed it. */
async function withdrawStaleReminder(
  transaction: Transaction,
  before: VisitRecord,
  after: VisitRecord,
  now: Date,
) {
  const id = staleReminderId(before, after, now)
  if (!id) return
  const row = transaction.collection(COLLECTIONS.notificationQueue).doc(id)
  const queued = await readDoc<{ status: OutboxStatus }>(row)
  if (queued && (WITHDRAWABLE_REMINDER_STATUSES as readonly string[]).includes(queued.status))
    await row.remove()
}

/** Applies one event to one visit in one transaction (see the file's head). */
export async function applyVisitEvent(
  visitId: string,
  change: VisitChange,
): Promise<Result<Applied>> {
  const { now } = change.ctx
  return inTransaction(async (transaction) => {
    const ref = transaction.collection(COLLECTIONS.visits).doc(visitId)
    const stored = await readDoc<VisitRecord>(ref)
    if (!stored || !change.visible(stored)) return fail('NOT_FOUND', '没有找到这次上门预约')
    const visit: VisitRecord = { ...stored, window: windowOf(stored) }
    const once = change.once && transaction.collection(change.once.collection).doc(change.once.id)
    if (once && (await readDoc(once))) return ok({ visit, already: true })
    if (change.expectedVersion !== undefined && change.expectedVersion !== visit.version)
      return fail('CONFLICT', '预约已有变动，请刷新后重试')
    const role = typeof change.role === 'function' ? change.role(visit) : change.role
    const verdict = canVisit(visit, change.event, role, change.ctx)
    if (!verdict.ok) return fail(verdict.code, verdict.reason)

    const window = change.hold?.window ?? visit.window
    const staff =
      change.hold?.staff === undefined
        ? visit.staffId && { id: visit.staffId, name: visit.staffName ?? '' }
        : change.hold.staff
    const node = change.node ? change.node(verdict.to) : verdict.to
    const before = claimsOf(visit.node, visit.staffId, visit.window)
    const after = claimsOf(node, staff ? staff.id : null, window)
    const claims = transaction.collection(COLLECTIONS.slotClaims)
    const fresh = after.filter((id) => !before.includes(id))
    for (const id of fresh) {
      const claim = await readDoc<{ visitId: string }>(claims.doc(id))
      if (claim && claim.visitId !== visit._id) return fail('SLOT_TAKEN', '师傅在这个时段已有上门')
    }

    for (const id of before.filter((held) => !after.includes(held))) await claims.doc(id).remove()
    for (const id of fresh)
      await claims.doc(id).set({
        data: { staffId: staff ? staff.id : null, visitId: visit._id, start: window.start },
      })
    const next: VisitRecord = {
      ...visit,
      ...change.fields,
      window,
      staffId: staff ? staff.id : null,
      staffName: staff ? staff.name : null,
      node,
      version: visit.version + 1,
      timeline: [
        ...visit.timeline,
        { node, event: change.event, at: now, actorRole: role, note: change.note ?? '' },
      ],
      updatedAt: now,
    }
    await ref.set({ data: withoutId(next) })
    if (once && change.once) await once.set({ data: change.once.data })
    await withdrawStaleReminder(transaction, visit, next, now)
    await transaction.collection(COLLECTIONS.visitAudit).add({
      data: {
        visitId: visit._id,
        orderId: visit.orderId,
        event: change.event,
        from: visit.node,
        to: node,
        actorRole: role,
        actorOpenid: change.actorOpenid,
        at: now,
        version: next.version,
        note: change.note ?? '',
      },
    })
    return ok({ visit: next, already: false })
  })
}
