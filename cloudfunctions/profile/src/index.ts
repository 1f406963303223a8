import { ACTIONS, FUNCTIONS } from '@/domain/names'
import { createRouter } from '@/cloud/router'
import { consent } from './actions/consent'
import { consentStatus } from './actions/consent-status'
import { list } from './actions/list'
import { remove } from './actions/remove'
import { save } from './actions/save'

export const main = createRouter(FUNCTIONS.profile, {
  [ACTIONS.profile.consent]: consent,
  [ACTIONS.profile.consentStatus]: consentStatus,
  [ACTIONS.profile.save]: save,
  [ACTIONS.profile.list]: list,
  [ACTIONS.profile.remove]: remove,
})
