import {
  boolean,
  integer,
  noPayload,
  object,
  oneOf,
  optional,
  parsePayload,
  string,
} from '@/domain/validate'

const address = object({
  name: string({ label: '收货人', max: 10 }),
  phoneTail: optional(string({ label: '手机尾号', min: 4, max: 4 })),
  quantity: integer({ label: '数量', min: 1, max: 99 }),
  urgent: boolean('加急'),
  channel: oneOf('渠道', ['express', 'pickup'] as const),
})

const good = { name: ' 林晓 ', quantity: 2, urgent: false, channel: 'express' }

describe('payload validation', () => {
  test('accepts a valid payload, trims text and drops absent optional fields', () => {
    expect(parsePayload(address, good)).toEqual({
      ok: true,
      data: { name: '林晓', quantity: 2, urgent: false, channel: 'express' },
    })
  })

  test.each([
    ['not an object', 'hello', '请求内容必须是对象', undefined],
    ['an array', [good], '请求内容必须是对象', undefined],
    ['an unknown field', { ...good, _openid: 'someone-else' }, '不支持的字段：_openid', '_openid'],
    [
      'an operator injected into a field',
      { ...good, name: { $gt: '' } },
      '收货人必须是文字',
      'name',
    ],
    ['a blank required text', { ...good, name: '   ' }, '请填写收货人', 'name'],
    ['text over the limit', { ...good, name: '很'.repeat(11) }, '收货人不能超过 10 个字', 'name'],
    ['text under the minimum', { ...good, phoneTail: '12' }, '手机尾号至少 4 个字', 'phoneTail'],
    ['a fractional number', { ...good, quantity: 1.5 }, '数量必须是整数', 'quantity'],
    ['NaN', { ...good, quantity: NaN }, '数量必须是整数', 'quantity'],
    ['a number out of range', { ...good, quantity: 0 }, '数量应在 1 到 99 之间', 'quantity'],
    ['a numeric string', { ...good, quantity: '2' }, '数量必须是整数', 'quantity'],
    ['a boolean as a string', { ...good, urgent: 'true' }, '加急格式不正确', 'urgent'],
    ['a value outside the choices', { ...good, channel: 'drone' }, '渠道不在可选范围内', 'channel'],
    [
      'a missing field',
      { name: '林晓', urgent: false, channel: 'express' },
      '数量必须是整数',
      'quantity',
    ],
  ])('rejects %s with a field-level Chinese message', (_case, payload, message, field) => {
    const expected = field === undefined ? { message } : { message, field }
    expect(parsePayload(address, payload)).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      ...expected,
    })
  })

  test('noPayload accepts nothing or an empty object, and nothing else', () => {
    expect(parsePayload(noPayload, undefined)).toEqual({ ok: true, data: {} })
    expect(parsePayload(noPayload, null)).toEqual({ ok: true, data: {} })
    expect(parsePayload(noPayload, {})).toEqual({ ok: true, data: {} })
    expect(parsePayload(noPayload, { limit: 5 })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    })
    expect(parsePayload(noPayload, 'x')).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  })
})
