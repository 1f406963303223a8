// Contracts of the user function (who the caller is; their personal data).
import { setPersonalisationInput, type PersonalisationView } from '../behaviour'
import type { HomeView } from '../home-view'
import { FUNCTIONS } from '../names'
import { deleteDataInput, exportDataInput } from '../personal-data'
import type { PersonalDataDeletion, PersonalDataExport } from '../personal-data'
import type { Profile, RoleView } from '../user'
import { noPayload } from '../validate'
import { contractsOf, returns } from './contract'

const action = contractsOf(FUNCTIONS.user)

export const userApi = {
  me: action('me', noPayload, returns<Profile>()),
  role: action('role', noPayload, returns<RoleView>()),
  exportData: action('exportData', exportDataInput, returns<PersonalDataExport>()),
  deleteData: action('deleteData', deleteDataInput, returns<PersonalDataDeletion>()),
  home: action('home', noPayload, returns<HomeView>()),
  personalisation: action('personalisation', noPayload, returns<PersonalisationView>()),
  setPersonalisation: action(
    'setPersonalisation',
    setPersonalisationInput,
    returns<PersonalisationView>(),
  ),
}
