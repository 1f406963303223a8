import { profileApi } from '@/domain/api/profile'
import { FUNCTIONS } from '@/domain/names'
import { createRouter } from '@/cloud/router'
import { consent } from './actions/consent'
import { consentStatus } from './actions/consent-status'
import { list } from './actions/list'
import { remove } from './actions/remove'
import { save } from './actions/save'

export const main = createRouter(FUNCTIONS.profile, profileApi, {
  consent: consent,
  consentStatus: consentStatus,
  save: save,
  list: list,
  remove: remove,
})
