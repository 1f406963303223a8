import { refillApi } from '@/domain/api/refill'
import { FUNCTIONS, TIMER_TRIGGERS } from '@/domain/names'
import { createRouter } from '@/cloud/router'
import { adjustCycle } from './actions/adjust-cycle'
import { snoozeCare, stopCare } from './actions/care-answer'
import { careTasks } from './actions/care-tasks'
import { mine } from './actions/mine'
import { snooze } from './actions/snooze'
import { stop } from './actions/stop'
import { remindDue } from './timer'

export const main = createRouter(
  FUNCTIONS.refill,
  refillApi,
  {
    mine: mine,
    snooze: snooze,
    adjustCycle: adjustCycle,
    stop: stop,
    careTasks: careTasks,
    snoozeCare: snoozeCare,
    stopCare: stopCare,
  },
  { trigger: TIMER_TRIGGERS.refill, run: remindDue },
)
