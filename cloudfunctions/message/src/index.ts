import { ACTIONS, FUNCTIONS } from '@/domain/names'
import { createRouter } from '@/cloud/router'
import { authorize } from './actions/authorize'
import { deadLetters } from './actions/dead-letters'
import { inbox } from './actions/inbox'
import { setPreference } from './actions/set-preference'
import { settings } from './actions/settings'
import { drainLeftovers } from './timer'

export const main = createRouter(
  FUNCTIONS.message,
  {
    [ACTIONS.message.authorize]: authorize,
    [ACTIONS.message.settings]: settings,
    [ACTIONS.message.setPreference]: setPreference,
    [ACTIONS.message.inbox]: inbox,
    [ACTIONS.message.deadLetters]: deadLetters,
  },
  drainLeftovers,
)
