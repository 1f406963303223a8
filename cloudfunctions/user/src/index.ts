import { userApi } from '@/domain/api/user'
import { FUNCTIONS } from '@/domain/names'
import { createRouter } from '@/cloud/router'
import { deleteData } from './actions/delete-data'
import { exportData } from './actions/export-data'
import { me } from './actions/me'
import { role } from './actions/role'

export const main = createRouter(FUNCTIONS.user, userApi, {
  me: me,
  role: role,
  exportData: exportData,
  deleteData: deleteData,
})
