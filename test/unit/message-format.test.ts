// Field formatting against every WeChat value type's limits (platform.md), as tables plus
// property tests: whatever goes in, what comes out is within the type's limits or refused.
import fc from 'fast-check'
import {
  formatField,
  formatTemplateData,
  inAppLines,
  LIMITS,
  PHRASES,
  truncate,
} from '@/domain/message-format'
import { configProblems, MESSAGE_CONFIG, templateOf } from '@/domain/message-templates'
import { MESSAGE_PURPOSES } from '@/domain/messages'
import rawConfig from '../../config/message-templates.json'

const value = (formatted: ReturnType<typeof formatField>) => {
  if (!formatted.ok) throw new Error(formatted.reason)
  return formatted.value
}
const length = (text: string) => Array.from(text).length

describe('thing: at most 20 characters, cut with an ellipsis', () => {
  test.each([
    ['量体定制衬衫', '量体定制衬衫'],
    ['一二三四五六七八九十一二三四五六七八九十', '一二三四五六七八九十一二三四五六七八九十'],
    ['一二三四五六七八九十一二三四五六七八九十一', '一二三四五六七八九十一二三四五六七八九…'],
    ['  多余   空格  ', '多余 空格'],
    ['😀'.repeat(25), `${'😀'.repeat(19)}…`],
  ])('%s -> %s', (input, output) => {
    expect(value(formatField('thing', input))).toBe(output)
  })
  test('any text fits', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 80 }).filter((s) => s.trim() !== ''),
        (text) => {
          expect(length(value(formatField('thing', text)))).toBeLessThanOrEqual(LIMITS.thing)
        },
      ),
    )
  })
})

describe('phrase: at most 5 Chinese characters, from the fixed vocabulary only', () => {
  test.each([
    ['confirmed', '已确认'],
    ['production', '制作中'],
    ['shipped', '已发货'],
    ['delivered', '已签收'],
    ['exception', '待选择'],
    ['已发货', '已发货'],
  ])('%s -> %s', (input, output) => {
    expect(value(formatField('phrase', input))).toBe(output)
  })
  test('every phrase in the vocabulary is 1-5 Chinese characters', () => {
    for (const phrase of Object.values(PHRASES)) expect(phrase).toMatch(/^[\u4e00-\u9fa5]{1,5}$/)
  })
  test.each(['unknown', '正在加急制作中', 'OK'])('%s is refused', (input) => {
    expect(formatField('phrase', input).ok).toBe(false)
  })
})

describe('amount: from integer fen, one currency sign and at most 10 digits', () => {
  test.each([
    [39900, '¥399.00'],
    [1, '¥0.01'],
    [0, '¥0.00'],
    [99999999_99, '¥99999999.99'],
  ])('%i fen -> %s', (fen, output) => {
    expect(value(formatField('amount', fen))).toBe(output)
  })
  test.each([[100000000_00], [12.5], [-1], ['399']])('%p is refused', (input) => {
    expect(formatField('amount', input as number).ok).toBe(false)
  })
  test('every accepted amount has <= 10 digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (fen) => {
        const formatted = formatField('amount', fen)
        if (formatted.ok) expect(formatted.value).toMatch(/^¥\d{1,8}\.\d\d$/)
        else expect(fen).toBeGreaterThanOrEqual(100000000_00)
      }),
    )
  })
})

describe('time and date: China time (UTC+8), calendar days unshifted', () => {
  test.each([
    ['time', new Date('2026-11-22T15:30:00Z'), '2026年11月22日 23:30'],
    ['time', new Date('2026-11-22T16:30:00Z'), '2026年11月23日 00:30'],
    ['time', '2026-11-22T16:30:00.000Z', '2026年11月23日 00:30'],
    ['date', new Date('2026-12-31T17:00:00Z'), '2027年1月1日'],
    ['date', '2026-11-30', '2026年11月30日'],
  ] as const)('%s %p -> %s', (type, input, output) => {
    expect(value(formatField(type, input))).toBe(output)
  })
  test.each([
    ['time', '2026-11-30'],
    ['date', 'tomorrow'],
    ['time', new Date(Number.NaN)],
  ] as const)('%s %p is refused', (type, input) => {
    expect(formatField(type, input).ok).toBe(false)
  })
})

describe('the other types stay within their limits', () => {
  test.each([
    ['character_string', '20261122-7K3F9XQ2', '20261122-7K3F9XQ2'],
    ['character_string', 'SF 1234 中文 5678', 'SF12345678'],
    ['character_string', 'A'.repeat(40), 'A'.repeat(32)],
    ['number', '12345.67', '12345.67'],
    ['letter', 'abc123def', 'abcdef'],
    ['symbol', '!!@@##$$', '!!@@#'],
    ['phone_number', '+86-0766-66888866', '+86-0766-66888866'],
    ['car_number', '粤A·12345', '粤A12345'],
    ['name', '欧阳娜娜娜娜娜娜娜娜娜', '欧阳娜娜娜娜娜娜娜…'],
    ['name', 'Alexander Bartholomew Smith', 'Alexander Bartholom…'],
  ] as const)('%s %s -> %s', (type, input, output) => {
    expect(value(formatField(type, input))).toBe(output)
  })
  test.each([
    ['character_string', '中文订单'],
    ['number', '1'.repeat(33)],
    ['number', 'twelve'],
    ['letter', '123'],
    ['phone_number', '1'.repeat(18)],
    ['phone_number', 'call me'],
    ['car_number', '粤A1234567'],
    ['thing', ''],
    ['thing', null],
  ] as const)('%s %p is refused', (type, input) => {
    expect(formatField(type, input).ok).toBe(false)
  })
  test('enum accepts listed values only', () => {
    expect(value(formatField('enum', '到店', ['到店', '上门']))).toBe('到店')
    expect(formatField('enum', '视频', ['到店', '上门']).ok).toBe(false)
  })
  test('character_string output is always 1-32 printable ASCII characters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const formatted = formatField('character_string', text)
        if (formatted.ok) expect(formatted.value).toMatch(/^[\x21-\x7e]{1,32}$/)
      }),
    )
  })
  test('truncate never cuts inside a surrogate pair', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.integer({ min: 1, max: 20 }),
        (text, max) => {
          expect(length(truncate(text, max))).toBeLessThanOrEqual(Math.max(max, 0))
        },
      ),
    )
  })
})

describe('templates', () => {
  test('the shipped configuration is valid and covers every purpose', () => {
    expect(configProblems(rawConfig)).toEqual([])
    for (const purpose of MESSAGE_PURPOSES)
      expect(templateOf(purpose).fields.length).toBeGreaterThan(0)
  })
  test('configuration mistakes are reported, not loaded', () => {
    const broken = JSON.parse(JSON.stringify(rawConfig))
    broken.quietHours.start = '25:00'
    broken.templates.shipped.fields[0].key = 'thing9'
    broken.templates.delivered.templateId = broken.templates.shipped.templateId
    delete broken.templates.refill_reminder
    expect(configProblems(broken)).toEqual([
      'quietHours 需要 start / end，格式 HH:mm',
      expect.stringContaining('shipped.thing9'),
      'delivered: templateId 与其他用途重复',
      '缺少 refill_reminder 的模板',
      // The refill reminder's A/B test now names a value no template shows.
      'experiments.refill_reminder.b: 模板不显示 tip',
    ])
  })
  test('a whole order message formats; a missing value names its field', () => {
    const values = {
      orderNo: '20261122-7K3F9XQ2',
      productName: '量体定制衬衫（长袖，纯棉，加急）附赠领撑一套',
      status: 'confirmed',
      amountFen: 39900,
      eta: '2026-12-01',
    }
    expect(formatTemplateData(MESSAGE_CONFIG.templates.order_confirmed, values)).toEqual({
      ok: true,
      data: {
        character_string1: { value: '20261122-7K3F9XQ2' },
        thing2: { value: '量体定制衬衫（长袖，纯棉，加急）附赠领…' },
        phrase3: { value: '已确认' },
        amount4: { value: '¥399.00' },
        date5: { value: '2026年12月1日' },
      },
    })
    const missing = formatTemplateData(MESSAGE_CONFIG.templates.order_confirmed, {
      ...values,
      eta: null,
    })
    expect(missing).toEqual({ ok: false, reason: expect.stringContaining('date5（预计完成）') })
    expect(
      inAppLines(MESSAGE_CONFIG.templates.order_confirmed, { ...values, eta: null }),
    ).toHaveLength(4)
  })
})
