import { messageApi } from '@/domain/api/message'
import { FUNCTIONS, TIMER_TRIGGERS } from '@/domain/names'
import { createRouter } from '@/cloud/router'
import { authorize } from './actions/authorize'
import { deadLetters } from './actions/dead-letters'
import { inbox } from './actions/inbox'
import { opened } from './actions/opened'
import { setPreference } from './actions/set-preference'
import { settings } from './actions/settings'
import { drainLeftovers } from './timer'

export const main = createRouter(
  FUNCTIONS.message,
  messageApi,
  {
    authorize: authorize,
    settings: settings,
    setPreference: setPreference,
    inbox: inbox,
    opened: opened,
    deadLetters: deadLetters,
  },
  { trigger: TIMER_TRIGGERS.message, run: drainLeftovers },
)
