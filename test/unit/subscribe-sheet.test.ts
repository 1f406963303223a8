// The simulated authorisation sheet decides like WeChat's sheet.
import {
  EMPTY_SHEET_STATE,
  SHEET_ARMING_MS,
  isDeliberateTap,
  parseSheetState,
  planSheet,
  settleSheet,
  sheetDock,
  type SheetPlan,
  type SheetState,
} from '@/domain/subscribe-sheet'

const KNOWN = new Set(['t1', 't2', 't3', 't4'])
const known = (id: string) => KNOWN.has(id)
const state = (itemSettings: SheetState['itemSettings'] = {}, mainSwitch = true): SheetState => ({
  mainSwitch,
  itemSettings,
})
const shown = (plan: SheetPlan) => {
  if (plan.kind !== 'show') throw new Error(`expected a shown sheet, got ${plan.kind}`)
  return plan
}

describe('planSheet', () => {
  test.each([
    ['empty list', [], 10001],
    ['more than 3', ['t1', 't2', 't3', 't4'], 20003],
    ['an unknown template', ['t1', 'nope'], 20001],
  ])('%s fails with %p', (_name, ids, errCode) => {
    const plan = planSheet(ids, EMPTY_SHEET_STATE, known)
    expect(plan).toMatchObject({ kind: 'fail', failure: { errCode } })
  })

  test('subscriptions switched off: 20004 and nothing shown', () => {
    expect(planSheet(['t1'], state({}, false), known)).toMatchObject({
      kind: 'fail',
      failure: { errCode: 20004 },
    })
  })

  test('duplicates count once, so 4 ids naming 3 templates are allowed', () => {
    expect(shown(planSheet(['t1', 't2', 't2', 't3'], EMPTY_SHEET_STATE, known)).ask).toEqual([
      't1',
      't2',
      't3',
    ])
  })

  test('standing "always" choices answer without asking; the rest is shown', () => {
    const plan = planSheet(['t1', 't2', 't3'], state({ t1: 'accept', t3: 'ban' }), known)
    expect(plan).toEqual({ kind: 'show', ask: ['t2'], preset: { t1: 'accept', t3: 'ban' } })
  })

  test('every template with a standing choice: silent, always-accept still answers accept', () => {
    expect(planSheet(['t1', 't2'], state({ t1: 'accept', t2: 'reject' }), known)).toEqual({
      kind: 'silent',
      answers: { t1: 'accept', t2: 'reject' },
    })
  })
})

describe('settleSheet', () => {
  const plan = shown(planSheet(['t1', 't2', 't3'], state({ t3: 'accept' }), known))

  test('确定: switched-on templates accept, switched-off reject; nothing remembered', () => {
    const settled = settleSheet(
      plan,
      { kind: 'confirm', allowed: { t1: true, t2: false }, keep: false },
      state({ t3: 'accept' }),
    )
    expect(settled.answers).toEqual({ t1: 'accept', t2: 'reject', t3: 'accept' })
    expect(settled.state).toEqual(state({ t3: 'accept' }))
  })

  test('a template without a switch value counts as allowed (switches start on)', () => {
    const settled = settleSheet(plan, { kind: 'confirm', allowed: {}, keep: false }, state())
    expect(settled.answers).toMatchObject({ t1: 'accept', t2: 'accept' })
  })

  test('"总是保持以上选择" remembers each shown answer, so the next request is silent', () => {
    const settled = settleSheet(
      plan,
      { kind: 'confirm', allowed: { t1: true, t2: false }, keep: true },
      state({ t3: 'accept' }),
    )
    expect(settled.state.itemSettings).toEqual({ t1: 'accept', t2: 'reject', t3: 'accept' })
    expect(planSheet(['t1', 't2'], settled.state, known)).toEqual({
      kind: 'silent',
      answers: { t1: 'accept', t2: 'reject' },
    })
  })

  test('取消 rejects every shown template; with keep it is remembered as reject', () => {
    const settled = settleSheet(plan, { kind: 'cancel', keep: true }, state())
    expect(settled.answers).toEqual({ t1: 'reject', t2: 'reject', t3: 'accept' })
    expect(settled.state.itemSettings).toEqual({ t1: 'reject', t2: 'reject' })
  })
})

describe('parseSheetState', () => {
  test.each([
    ['nothing stored', undefined, EMPTY_SHEET_STATE],
    ['a string', 'x', EMPTY_SHEET_STATE],
    [
      'keeps valid settings only',
      { mainSwitch: false, itemSettings: { t1: 'accept', t2: 'maybe', t3: 'ban' } },
      { mainSwitch: false, itemSettings: { t1: 'accept', t3: 'ban' } },
    ],
  ])('%s', (_name, raw, expected) => {
    expect(parseSheetState(raw)).toEqual(expected)
  })
})

describe('consent needs a deliberate tap on the sheet as seen', () => {
  test.each([
    [0, false],
    [150, false],
    [SHEET_ARMING_MS - 1, false],
    [SHEET_ARMING_MS, true],
    [2000, true],
  ])('a tap %i ms after the sheet appeared counts: %s', (after, counts) => {
    expect(isDeliberateTap(10_000, 10_000 + after)).toBe(counts)
  })

  test.each([
    [800, 844, 'top'], // 提交订单 at the bottom: the sheet opens at the top
    [500, 844, 'top'],
    [300, 844, 'bottom'], // a tap high on the page: WeChat's usual bottom sheet
    [null, 844, 'top'], // unknown: away from the bottom bars where taps usually are
  ] as const)('opened by a tap at y=%s of %i: docked at the %s', (y, height, dock) => {
    expect(sheetDock(y, height)).toBe(dock)
  })
})
