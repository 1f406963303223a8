// The simulated authorisation sheet (H5 / local mode) decides like WeChat's: at most 3 known
// templates, nothing shown when the user switched subscriptions off, templates with a standing
// "always" choice answered without asking (an always-accept still earns its credit), and the
// "总是保持以上选择" tick remembered per template. Pure: the caller stores the state.
import type { AlwaysSetting, AuthorizationResult } from './messages'
import { MAX_TEMPLATES_PER_REQUEST, SUBSCRIBE_FAIL } from './subscribe-request'

/** What getSetting({withSubscriptions: true}) returns in the simulation, per identity. */
export interface SheetState {
  mainSwitch: boolean
  itemSettings: Record<string, AlwaysSetting>
}

export const EMPTY_SHEET_STATE: SheetState = { mainSwitch: true, itemSettings: {} }

export interface SheetFailure {
  errCode: number
  errMsg: string
}

/** The per-template answers of a success result, like WeChat's `{[tmplId]: 'accept' | ...}`. */
export type SheetAnswers = Record<string, AuthorizationResult>

export type SheetPlan =
  | { kind: 'fail'; failure: SheetFailure }
  /** Every template has a standing choice: resolve without showing anything. */
  | { kind: 'silent'; answers: SheetAnswers }
  /** Show `ask`; `preset` already holds the answers of the templates with a standing choice. */
  | { kind: 'show'; ask: string[]; preset: SheetAnswers }

const failure = (errCode: number, reason: string): SheetPlan => ({
  kind: 'fail',
  failure: { errCode, errMsg: `requestSubscribeMessage:fail ${reason}` },
})

export function planSheet(
  tmplIds: readonly string[],
  state: SheetState,
  isKnown: (tmplId: string) => boolean,
): SheetPlan {
  const ids = [...new Set(tmplIds)]
  if (ids.length === 0) return failure(SUBSCRIBE_FAIL.emptyList, 'TmplIds can not be empty')
  if (ids.length > MAX_TEMPLATES_PER_REQUEST) return failure(SUBSCRIBE_FAIL.tooMany, 'too many')
  if (!ids.every(isKnown)) return failure(SUBSCRIBE_FAIL.noTemplateData, 'No template data')
  if (!state.mainSwitch) return failure(SUBSCRIBE_FAIL.switchedOff, 'switched off')

  const preset: SheetAnswers = {}
  const ask: string[] = []
  for (const id of ids) {
    const standing = state.itemSettings[id]
    if (standing) preset[id] = standing
    else ask.push(id)
  }
  return ask.length === 0 ? { kind: 'silent', answers: preset } : { kind: 'show', ask, preset }
}

/** The user's answer in the sheet: 确定 with a switch per template, or 取消 (rejects them all). */
export type SheetDecision =
  | { kind: 'confirm'; allowed: Record<string, boolean>; keep: boolean }
  | { kind: 'cancel'; keep: boolean }

/** The answers for a shown sheet, and the state with any new "always" choices. */
export function settleSheet(
  plan: Extract<SheetPlan, { kind: 'show' }>,
  decision: SheetDecision,
  state: SheetState,
): { answers: SheetAnswers; state: SheetState } {
  const answers: SheetAnswers = { ...plan.preset }
  const itemSettings = { ...state.itemSettings }
  for (const id of plan.ask) {
    const accepted = decision.kind === 'confirm' && decision.allowed[id] !== false
    const answer = accepted ? 'accept' : 'reject'
    answers[id] = answer
    if (decision.keep) itemSettings[id] = answer
  }
  return { answers, state: { ...state, itemSettings } }
}

/** Reads a stored state defensively (storage may hold anything). */
export function parseSheetState(raw: unknown): SheetState {
  if (typeof raw !== 'object' || raw === null) return EMPTY_SHEET_STATE
  const value = raw as Partial<SheetState>
  const itemSettings: Record<string, AlwaysSetting> = {}
  for (const [id, setting] of Object.entries(value.itemSettings ?? {})) {
    if (setting === 'accept' || setting === 'reject' || setting === 'ban')
      itemSettings[id] = setting
  }
  return { mainSwitch: value.mainSwitch !== false, itemSettings }
}

/**
 * A tap on the sheet sooner than this after it appeared was aimed at what was there before (the
 * second tap of a double tap on 提交订单): it is not consent, and is ignored.
 */
export const SHEET_ARMING_MS = 400

export function isDeliberateTap(shownAt: number, tappedAt: number): boolean {
  return tappedAt - shownAt >= SHEET_ARMING_MS
}

export type SheetDock = 'top' | 'bottom'

/**
 * Where the sheet is drawn: away from the tap that opened it, so its 确定 is never under the
 * finger. A tap in the upper half opens it at the bottom (like WeChat's); otherwise, and when the
 * tap is unknown, at the top.
 */
export function sheetDock(tapY: number | null, viewportHeight: number): SheetDock {
  return tapY !== null && tapY < viewportHeight / 2 ? 'bottom' : 'top'
}
