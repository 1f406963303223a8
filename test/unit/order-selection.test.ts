// Order input against the product schema: every malformed kind, with the field a form marks.
import { validateOrderSelection } from '@/domain/order-selection'
import { product, shirtSelection } from './order-factories'

const shirt = product('prod_shirt')
const good = shirtSelection({ texts: { monogram: ' LX ' } })
const withOptions = (options: Record<string, unknown>) => ({
  ...good,
  options: { ...good.options, ...options },
})
const withMeasure = (values: Record<string, unknown>) => ({
  ...good,
  measurements: { ...good.measurements, ...values },
})

test('accepts a valid selection, trimming text and keeping the rest as given', () => {
  expect(validateOrderSelection(shirt, good)).toEqual({
    ok: true,
    data: { ...good, texts: { monogram: 'LX' } },
  })
})

test('bidirectional overrides in a text are removed, not counted', () => {
  const result = validateOrderSelection(
    shirt,
    shirtSelection({ texts: { monogram: '\u202e一二三四五六七八\u202c' } }),
  )
  expect(result).toMatchObject({ ok: true, data: { texts: { monogram: '一二三四五六七八' } } })
})

test('urgent defaults to false and empty optional groups and texts are dropped', () => {
  const { urgent: _urgent, ...rest } = good
  const result = validateOrderSelection(shirt, {
    ...rest,
    options: { ...good.options, monogram_place: [] },
    texts: { monogram: '  ' },
  })
  expect(result).toMatchObject({ ok: true, data: { urgent: false, texts: {} } })
  if (result.ok) expect(result.data.options).not.toHaveProperty('monogram_place')
})

test.each([
  ['not an object', 'shirt', undefined, '请求内容必须是对象'],
  ['an unknown top-level field', { ...good, priceFen: 1 }, 'priceFen', '不支持的字段：priceFen'],
  ['options not an object', { ...good, options: ['fabric'] }, 'options', '选项格式不正确'],
  [
    'an unknown group',
    withOptions({ sleeve_style: ['short'] }),
    'options.sleeve_style',
    '不存在的选项组：sleeve_style',
  ],
  ['an unknown choice', withOptions({ fabric: ['silk'] }), 'options.fabric', '不存在的选项：silk'],
  [
    'a choice as a bare string',
    withOptions({ fabric: 'oxford' }),
    'options.fabric',
    '面料：选项格式不正确',
  ],
  ['a non-string choice', withOptions({ fabric: [1] }), 'options.fabric', '面料：选项格式不正确'],
  [
    'two choices in a single group',
    withOptions({ fabric: ['oxford', 'linen'] }),
    'options.fabric',
    '面料：只能选择一项',
  ],
  [
    'a repeated choice',
    withOptions({ monogram_place: ['chest', 'chest'] }),
    'options.monogram_place',
    '刺绣位置：选项重复',
  ],
  [
    'over the multi-choice maximum',
    withOptions({ monogram_place: ['chest', 'cuff_left', 'collar_inner'] }),
    'options.monogram_place',
    '刺绣位置：最多选择 2 项',
  ],
  [
    'a missing required group',
    { ...good, options: { collar: ['spread'], cuff: ['french'] } },
    'options.fabric',
    '面料：请选择一项',
  ],
  ['an empty required group', withOptions({ fabric: [] }), 'options.fabric', '面料：请选择一项'],
  [
    'an inherited name as a group',
    { ...good, options: JSON.parse('{"__proto__":["x"]}') },
    'options.__proto__',
    '不存在的选项组：__proto__',
  ],
  [
    'an unknown measurement',
    withMeasure({ waist: 80 }),
    'measurements.waist',
    '不存在的尺寸：waist',
  ],
  ['a measurement as a string', withMeasure({ neck: '39' }), 'measurements.neck', '领围必须是数字'],
  ['NaN', withMeasure({ neck: NaN }), 'measurements.neck', '领围必须是数字'],
  ['Infinity', withMeasure({ chest: Infinity }), 'measurements.chest', '胸围必须是数字'],
  [
    'below the range',
    withMeasure({ neck: 29.5 }),
    'measurements.neck',
    '领围应在 30 到 60 cm 之间',
  ],
  ['above the range', withMeasure({ neck: 61 }), 'measurements.neck', '领围应在 30 到 60 cm 之间'],
  ['negative', withMeasure({ sleeve: -62 }), 'measurements.sleeve', '袖长应在 50 到 75 cm 之间'],
  ['off the step', withMeasure({ neck: 39.3 }), 'measurements.neck', '领围请按 0.5 cm 填写'],
  [
    'a missing required measurement',
    { ...good, measurements: { neck: 39 } },
    'measurements.chest',
    '请填写胸围',
  ],
  [
    'an unknown text field',
    { ...good, texts: { slogan: 'hi' } },
    'texts.slogan',
    '不存在的填写项：slogan',
  ],
  [
    'text that is not a string',
    { ...good, texts: { monogram: 8 } },
    'texts.monogram',
    '刺绣文字必须是文字',
  ],
  [
    'text over the limit',
    { ...good, texts: { monogram: '一二三四五六七八九' } },
    'texts.monogram',
    '刺绣文字不能超过 8 个字',
  ],
  [
    'a huge string',
    { ...good, texts: { monogram: 'x'.repeat(1_000_000) } },
    'texts.monogram',
    '刺绣文字不能超过 8 个字',
  ],
  [
    'a line break (a product text is one line)',
    { ...good, texts: { monogram: 'L\nX' } },
    'texts.monogram',
    '刺绣文字只能填写一行',
  ],
  [
    'a control character',
    { ...good, texts: { monogram: 'L\u0000X' } },
    'texts.monogram',
    '刺绣文字含有无法保存的字符',
  ],
  [
    'a lone surrogate',
    { ...good, texts: { monogram: 'L\ud800' } },
    'texts.monogram',
    '刺绣文字含有无法保存的字符',
  ],
  [
    'a long unknown id, shortened in the message',
    withOptions({ fabric: ['z'.repeat(100)] }),
    'options.fabric',
    `不存在的选项：${'z'.repeat(40)}…`,
  ],
  ['a fractional quantity', { ...good, quantity: 1.5 }, 'quantity', '数量必须是整数'],
  ['a missing quantity', { ...good, quantity: undefined }, 'quantity', '数量必须是整数'],
  ['a zero quantity', { ...good, quantity: 0 }, 'quantity', '数量应在 1 到 10 之间'],
  ['a negative quantity', { ...good, quantity: -3 }, 'quantity', '数量应在 1 到 10 之间'],
  ['too many made-to-order items', { ...good, quantity: 11 }, 'quantity', '数量应在 1 到 10 之间'],
  ['urgent as a string', { ...good, urgent: 'yes' }, 'urgent', '加急格式不正确'],
])('rejects %s', (_case, input, field, message) => {
  const result = validateOrderSelection(shirt, input)
  expect(result).toEqual(
    field === undefined
      ? { ok: false, code: 'INVALID_INPUT', message }
      : { ok: false, code: 'INVALID_INPUT', message, field },
  )
})

test('emoji count as one character each', () => {
  expect(validateOrderSelection(shirt, { ...good, texts: { monogram: '🙂'.repeat(8) } }).ok).toBe(
    true,
  )
  expect(validateOrderSelection(shirt, { ...good, texts: { monogram: '🙂'.repeat(9) } }).ok).toBe(
    false,
  )
})

test('consumables and batches may be ordered in bulk, up to 99', () => {
  const filter = product('prod_filter')
  const base = { options: { model: ['pp_cotton'] }, quantity: 99 }
  expect(validateOrderSelection(filter, base)).toMatchObject({
    ok: true,
    data: { quantity: 99, measurements: {}, texts: {} },
  })
  expect(validateOrderSelection(filter, { ...base, quantity: 100 })).toMatchObject({
    message: '数量应在 1 到 99 之间',
  })
})

test('urgent is refused where the product has no urgent channel', () => {
  const curtain = product('prod_curtain')
  const input = {
    options: { fabric: ['polyester'], heading: ['hooks'], installation: ['self'] },
    measurements: { width: 200, height: 250 },
    quantity: 1,
    urgent: true,
  }
  expect(validateOrderSelection(curtain, input)).toEqual({
    ok: false,
    code: 'INVALID_INPUT',
    message: '该商品不支持加急',
    field: 'urgent',
  })
  expect(validateOrderSelection(curtain, { ...input, urgent: false }).ok).toBe(true)
  expect(
    validateOrderSelection(curtain, {
      ...input,
      urgent: false,
      measurements: { width: 200.5, height: 250 },
    }),
  ).toMatchObject({ message: '宽度请按 1 cm 填写' })
})
