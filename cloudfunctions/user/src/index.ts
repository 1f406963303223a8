import { ACTIONS, FUNCTIONS } from '@/domain/names'
import { createRouter } from '@/cloud/router'
import { me } from './actions/me'

export const main = createRouter(FUNCTIONS.user, {
  [ACTIONS.user.me]: me,
})
