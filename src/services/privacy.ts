// Consent to the privacy guide (《柔性定制隐私保护指引》) before any personal data is collected.
// weapp: WeChat records the consent; privacy APIs call onNeedPrivacyAuthorization (registered at
// launch) and wait for our popup's agree button. H5 / local mode: the consent is simulated and
// kept in storage per demo identity. Either way the popup is the <PrivacyConsent /> of the page on
// screen.
import Taro from '@tarojs/taro'
import { readPersonal, removePersonal, writePersonal } from './personal-storage'

export const PRIVACY_CONSENT_KEY = 'privacy.agreed'
/** The id WeChat checks on resolve({ event: 'agree', buttonId }): the popup's agree button. */
export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree'

export type PrivacyAnswer = 'agree' | 'disagree'
export interface PrivacyRequest {
  /** What asked, e.g. "chooseMedia" or the page's own reason. */
  referrer: string
  /** Called by the host once the popup is on screen. */
  shown?: () => void
  answer: (answer: PrivacyAnswer) => void
}
type PopupHost = (request: PrivacyRequest) => void

// Hosts in mount order; the last one belongs to the page on screen.
let hosts: { key: number; show: PopupHost }[] = []
let nextKey = 0
// A request that came while no page showed a popup waits for the next host.
let waiting: PrivacyRequest | undefined

export function registerPrivacyHost(show: PopupHost) {
  const key = ++nextKey
  hosts.push({ key, show })
  if (waiting) {
    const request = waiting
    waiting = undefined
    show(request)
  }
  return {
    bringToTop: () => {
      hosts = [...hosts.filter((host) => host.key !== key), { key, show }]
    },
    unregister: () => {
      hosts = hosts.filter((host) => host.key !== key)
    },
  }
}

function showPopup(request: PrivacyRequest): void {
  const top = hosts[hosts.length - 1]
  if (top) top.show(request)
  else waiting = request
}

async function hasSimulatedConsent(): Promise<boolean> {
  try {
    return (await readPersonal(PRIVACY_CONSENT_KEY)) === true
  } catch {
    return false
  }
}

/** Whether the user still has to agree to the privacy guide. */
export function needsPrivacyConsent(): Promise<boolean> {
  if (process.env.TARO_ENV === 'h5') return hasSimulatedConsent().then((agreed) => !agreed)
  return new Promise((resolve) => {
    Taro.getPrivacySetting({
      success: (res) => resolve(res.needAuthorization),
      // Older base libraries have no privacy check: nothing to agree to there.
      fail: () => resolve(false),
    })
  })
}

/** Records the answer (H5 keeps it; on weapp WeChat keeps it once the agree button is tapped). */
export async function recordPrivacyAnswer(answer: PrivacyAnswer): Promise<void> {
  if (process.env.TARO_ENV !== 'h5') return
  try {
    if (answer === 'agree') await writePersonal(PRIVACY_CONSENT_KEY, true)
    else await removePersonal(PRIVACY_CONSENT_KEY)
  } catch (error) {
    console.error('[privacy] 保存同意状态失败', error)
  }
}

/** Shows the popup unless consent was given; resolves true once agreed. */
export async function ensurePrivacyConsent(referrer: string): Promise<boolean> {
  if (!(await needsPrivacyConsent())) return true
  return new Promise((resolve) =>
    showPopup({ referrer, answer: (answer) => resolve(answer === 'agree') }),
  )
}

/** weapp, at launch: privacy APIs (photos, clipboard…) wait for our popup instead of failing. */
export function listenForPrivacyRequests(): void {
  if (process.env.TARO_ENV !== 'weapp' || !Taro.onNeedPrivacyAuthorization) return
  Taro.onNeedPrivacyAuthorization((resolve, event) => {
    showPopup({
      referrer: event?.referrer ?? '',
      shown: () => resolve({ event: 'exposureAuthorization' }),
      answer: (answer) =>
        resolve(
          answer === 'agree'
            ? { event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID }
            : { event: 'disagree' },
        ),
    })
  })
}

/** Opens the privacy guide: WeChat's page on weapp; H5 shows the summary in the popup itself. */
export function openPrivacyGuide(): void {
  if (process.env.TARO_ENV === 'weapp') void Taro.openPrivacyContract({})
}
