// H5 / local mode only: a stand-in for WeChat's authorisation sheet. It answers like
// Taro.requestSubscribeMessage (success `{errMsg, [tmplId]: result}`, fail `{errCode, errMsg}`)
// and like getSetting({withSubscriptions: true}), with the "always" choices kept per demo identity
// in storage. The page on top shows the sheet through its <SubscribeSheetHost />.
import Taro from '@tarojs/taro'
import { purposeOfTemplateId } from '@/domain/message-templates'
import {
  parseSheetState,
  planSheet,
  settleSheet,
  sheetDock,
  type SheetDecision,
  type SheetDock,
  type SheetPlan,
  type SheetState,
} from '@/domain/subscribe-sheet'
import { currentLocalOpenid } from './local-identity'

export type ShownSheet = Extract<SheetPlan, { kind: 'show' }>

export interface SheetRequest {
  plan: ShownSheet
  /** Away from the tap that asked (sheetDock). */
  dock: SheetDock
  decide: (decision: SheetDecision) => void
}

/** A pointer-down this recent opened the sheet; older ones are not its tap. */
const OPENING_TAP_MS = 2000
let lastTap: { y: number; at: number } | undefined
if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') {
  document.addEventListener('pointerdown', (e) => (lastTap = { y: e.clientY, at: Date.now() }), {
    capture: true,
    passive: true,
  })
}

function dockAwayFromTap(): SheetDock {
  const tap = lastTap && Date.now() - lastTap.at < OPENING_TAP_MS ? lastTap.y : null
  return sheetDock(tap, typeof window === 'undefined' ? 0 : window.innerHeight)
}

type SheetHost = (request: SheetRequest) => void

// Hosts in mount order; the last one belongs to the page on screen.
let hosts: { key: number; show: SheetHost }[] = []
let nextKey = 0

/** Registers a page's sheet host; returns `bringToTop` (on show) and `unregister` (on unmount). */
export function registerSheetHost(show: SheetHost) {
  const key = ++nextKey
  hosts.push({ key, show })
  return {
    bringToTop: () => {
      hosts = [...hosts.filter((host) => host.key !== key), { key, show }]
    },
    unregister: () => {
      hosts = hosts.filter((host) => host.key !== key)
    },
  }
}

const storageKey = (openid: string) => `subscribeSheet.${openid}`

async function readState(): Promise<{ openid: string; state: SheetState }> {
  const openid = await currentLocalOpenid()
  return { openid, state: parseSheetState(Taro.getStorageSync(storageKey(openid))) }
}

/** Like getSetting({withSubscriptions: true}).subscriptionsSetting for the current identity. */
export async function simulatedSubscriptionsSetting(): Promise<SheetState> {
  return (await readState()).state
}

/** Like Taro.requestSubscribeMessage: resolves a success result or rejects `{errCode, errMsg}`. */
export async function simulatedRequestSubscribeMessage(
  tmplIds: string[],
): Promise<Record<string, string>> {
  const { openid, state } = await readState()
  const plan = planSheet(tmplIds, state, (id) => purposeOfTemplateId(id) !== null)
  if (plan.kind === 'fail') throw plan.failure
  if (plan.kind === 'silent') return { errMsg: 'requestSubscribeMessage:ok', ...plan.answers }
  const host = hosts[hosts.length - 1]
  if (!host) throw { errCode: 10005, errMsg: 'requestSubscribeMessage:fail cannot show UI' }
  const dock = dockAwayFromTap()
  const decision = await new Promise<SheetDecision>((decide) => host.show({ plan, dock, decide }))
  const settled = settleSheet(plan, decision, state)
  Taro.setStorageSync(storageKey(openid), settled.state)
  return { errMsg: 'requestSubscribeMessage:ok', ...settled.answers }
}
