// Contracts of the profile function (measurement profiles and the consent they need).
import {
  consentInput,
  removeProfileInput,
  saveProfileInput,
  type ConsentStatus,
  type MeasurementProfile,
} from '../measurement-profile'
import { FUNCTIONS } from '../names'
import { noPayload } from '../validate'
import { contractsOf, returns } from './contract'

const action = contractsOf(FUNCTIONS.profile)

export const profileApi = {
  consent: action('consent', consentInput, returns<ConsentStatus & { removedProfiles: number }>()),
  consentStatus: action('consentStatus', noPayload, returns<ConsentStatus>()),
  save: action('save', saveProfileInput, returns<MeasurementProfile>()),
  list: action('list', noPayload, returns<{ items: MeasurementProfile[] }>()),
  remove: action('remove', removeProfileInput, returns<{ id: string }>()),
}
