// Contracts of 师傅管理 in the visit function (docs/visits.md → staff accounts): apart from
// visitApi so the customer's and the workshop's pages do not carry the staff form's checks.
import type { ChinaDate } from '../china-date'
import { FUNCTIONS } from '../names'
import { boolean, id, object, optional, string, withDefault } from '../validate'
import type { StaffRecord } from '../visit-booking'
import type { DailyHours } from '../visit-hours'
import {
  dailyHoursCheck,
  districtsCheck,
  HOURS_NOTE_MAX,
  inviteCodeCheck,
  skillsCheck,
  staffNameCheck,
  weeklyHoursCheck,
} from '../visit-staff'
import { contractsOf, returns } from './contract'
import { chinaDate } from './visit'

const action = contractsOf(FUNCTIONS.visit)

/** One person of 师傅管理: never their openid, only whether they have joined. */
export interface StaffView extends Pick<
  StaffRecord,
  'name' | 'role' | 'skills' | 'districts' | 'weeklyHours' | 'active'
> {
  id: string
  joined: boolean
  /** The code to hand over while nobody has joined (expired ones too: saving renews them). */
  invite: { code: string; expiresAt: Date } | null
  /** The next STAFF_LIST_DAYS days from today: hours 'HH:mm–HH:mm', `own` = set for that day. */
  days: { date: ChinaDate; hours: string[]; own: boolean }[]
}

export const visitStaffApi = {
  /** 师傅管理: everyone, active first, with their next days' hours. */
  staff: action('staff', object({}), returns<{ today: ChinaDate; staff: StaffView[] }>()),
  /** Without `staffId` a new person (an invite code, no account yet); the role stays the row's;
   * `active` left out keeps it (a new person is active). `requestId` names a new person's row, so
   * a retry after a lost answer gets the same person back instead of a second one. */
  saveStaff: action(
    'saveStaff',
    object({
      staffId: optional(id('师傅')),
      requestId: optional(id('请求编号')),
      name: staffNameCheck,
      skills: skillsCheck,
      districts: districtsCheck,
      weeklyHours: weeklyHoursCheck,
      active: optional(boolean('是否启用')),
    }),
    returns<{ staff: StaffView }>(),
  ),
  /**
   * A day's own hours ([] = 休息), for anyone by the owner, for themselves by staff; without
   * `staffId` the caller's own row (我的任务's 请假).
   */
  setHours: action(
    'setHours',
    object({
      staffId: optional(id('师傅')),
      date: chinaDate,
      hours: dailyHoursCheck,
      note: withDefault(string({ label: '备注', min: 0, max: HOURS_NOTE_MAX, oneLine: true }), ''),
    }),
    returns<{ date: ChinaDate; hours: DailyHours[]; note: string }>(),
  ),
  /** The caller becomes the invited person; `already`: they had joined with this code. */
  joinStaff: action(
    'joinStaff',
    object({ code: inviteCodeCheck }),
    returns<{ name: string; already: boolean }>(),
  ),
}
