import { userApi } from '@/domain/api/user'
import { FUNCTIONS, TIMER_TRIGGERS } from '@/domain/names'
import { createRouter } from '@/cloud/router'
import { deleteData } from './actions/delete-data'
import { exportData } from './actions/export-data'
import { home } from './actions/home'
import { me } from './actions/me'
import { personalisation, setPersonalisation } from './actions/personalisation'
import { role } from './actions/role'
import { expireBehaviour } from './timer'

export const main = createRouter(
  FUNCTIONS.user,
  userApi,
  {
    me: me,
    role: role,
    exportData: exportData,
    deleteData: deleteData,
    home: home,
    personalisation: personalisation,
    setPersonalisation: setPersonalisation,
  },
  { trigger: TIMER_TRIGGERS.user, run: expireBehaviour },
)
