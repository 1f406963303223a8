import { ACTIONS, FUNCTIONS } from '@/domain/names'
import { createRouter } from '@/cloud/router'
import { adjustCycle } from './actions/adjust-cycle'
import { mine } from './actions/mine'
import { snooze } from './actions/snooze'
import { stop } from './actions/stop'
import { remindDue } from './timer'

export const main = createRouter(
  FUNCTIONS.refill,
  {
    [ACTIONS.refill.mine]: mine,
    [ACTIONS.refill.snooze]: snooze,
    [ACTIONS.refill.adjustCycle]: adjustCycle,
    [ACTIONS.refill.stop]: stop,
  },
  remindDue,
)
