import { ACTIONS, FUNCTIONS } from '@/domain/names'
import { createRouter } from '@/cloud/router'
import { deleteData } from './actions/delete-data'
import { exportData } from './actions/export-data'
import { me } from './actions/me'
import { role } from './actions/role'

export const main = createRouter(FUNCTIONS.user, {
  [ACTIONS.user.me]: me,
  [ACTIONS.user.role]: role,
  [ACTIONS.user.exportData]: exportData,
  [ACTIONS.user.deleteData]: deleteData,
})
