import { fullAddress, shippingLabel } from '@/domain/address'
import { fenToYuan, formatFen, yuanToFen } from '@/domain/money'
import { formatChinaTime } from '@/domain/time'
import { fail, isResult, ok } from '@/domain/result'
import { ERROR_MESSAGES, isErrorCode } from '@/domain/errors'

describe('money is integer fen, shown as yuan', () => {
  test.each([
    [0, '¥0'],
    [12900, '¥129'],
    [12950, '¥129.50'],
    [12905, '¥129.05'],
    [1, '¥0.01'],
    [-500, '-¥5'],
  ])('%i fen -> %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text)
  })

  test('refuses a fractional amount instead of rounding it silently', () => {
    expect(() => formatFen(12.5)).toThrow(RangeError)
  })

  test.each([
    ['20', 2000],
    ['12.5', 1250],
    ['0.1', 10],
    ['19.99', 1999],
    ['', 0],
  ])('typed yuan %p -> %i fen', (yuan, fen) => {
    expect(yuanToFen(yuan)).toBe(fen)
  })

  test('typed yuan that is not a number gives NaN; fen back to yuan for an input', () => {
    expect(yuanToFen('abc')).toBeNaN()
    expect(fenToYuan(2000)).toBe('20')
    expect(fenToYuan(1250)).toBe('12.5')
  })
})

describe('times are UTC instants shown in China time', () => {
  test('a UTC evening is the next morning in Shanghai', () => {
    expect(formatChinaTime('2026-11-21T23:30:00.000Z')).toBe('2026-11-22 07:30')
  })

  test('the pattern is configurable', () => {
    expect(formatChinaTime(Date.UTC(2026, 0, 1, 0, 0), 'MM月DD日 HH:mm')).toBe('01月01日 08:00')
  })
})

describe('the response envelope', () => {
  test('ok and fail build the two shapes, fail defaults to the standard message', () => {
    expect(ok({ a: 1 })).toEqual({ ok: true, data: { a: 1 } })
    expect(fail('NOT_FOUND')).toEqual({
      ok: false,
      code: 'NOT_FOUND',
      message: ERROR_MESSAGES.NOT_FOUND,
    })
  })

  test.each([
    [{ ok: true, data: null }, true],
    [{ ok: false, code: 'X', message: 'y' }, true],
    [{ ok: true }, false],
    [{ ok: false, code: 1, message: 'y' }, false],
    [{ errCode: -1 }, false],
    [null, false],
    ['ok', false],
  ])('isResult(%j) is %s', (value, expected) => {
    expect(isResult(value)).toBe(expected)
  })

  test('every error code has a Chinese message', () => {
    for (const [code, message] of Object.entries(ERROR_MESSAGES)) {
      expect(isErrorCode(code)).toBe(true)
      expect(message).toMatch(/[\u4e00-\u9fa5]/)
    }
    expect(isErrorCode('toString')).toBe(false)
  })
})

describe('the delivery address the merchant ships to', () => {
  const address = {
    name: '林晓',
    phone: '13812345678',
    region: '上海市 徐汇区',
    detail: '漕溪北路 100 号',
  }

  test('the full address is region then street, never the region alone', () => {
    expect(fullAddress(address)).toBe('上海市 徐汇区 漕溪北路 100 号')
    expect(fullAddress({ region: ' 上海市 ', detail: '' })).toBe('上海市')
  })

  test('the copied label puts name and phone first', () => {
    expect(shippingLabel(address)).toBe('林晓 13812345678 上海市 徐汇区 漕溪北路 100 号')
  })
})
