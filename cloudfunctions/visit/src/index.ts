import { visitApi } from '@/domain/api/visit'
import { visitStaffApi } from '@/domain/api/visit-staff'
import { FUNCTIONS, TIMER_TRIGGERS } from '@/domain/names'
import { createRouter } from '@/cloud/router'
import { act } from './actions/act'
import { assign } from './actions/assign'
import { book } from './actions/book'
import { cancel } from './actions/cancel'
import { confirmSizes } from './actions/confirm-sizes'
import { dispatch } from './actions/dispatch'
import { mine } from './actions/mine'
import { rate } from './actions/rate'
import { joinStaff } from './actions/join-staff'
import { report } from './actions/report'
import { saveStaff } from './actions/save-staff'
import { setHours } from './actions/set-hours'
import { staffList } from './actions/staff-list'
import { reschedule } from './actions/reschedule'
import { tasks } from './actions/tasks'
import { windows } from './actions/windows'
import { visitHousekeeping } from './timer'

export const main = createRouter(
  FUNCTIONS.visit,
  { ...visitApi, ...visitStaffApi },
  {
    windows,
    book,
    mine,
    reschedule,
    cancel,
    rate,
    dispatch,
    assign,
    tasks,
    act,
    report,
    confirmSizes,
    staff: staffList,
    saveStaff,
    setHours,
    joinStaff,
  },
  { trigger: TIMER_TRIGGERS.visit, run: visitHousekeeping },
)
