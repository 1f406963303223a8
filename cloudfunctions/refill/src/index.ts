import { refillApi } from '@/domain/api/refill'
import { FUNCTIONS, TIMER_TRIGGERS } from '@/domain/names'
import { createRouter } from '@/cloud/router'
import { adjustCycle } from './actions/adjust-cycle'
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
  },
  { trigger: TIMER_TRIGGERS.refill, run: remindDue },
)
