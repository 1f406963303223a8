/** Formats integer fen as yuan for display, e.g. 12900 -> "¥129", 12950 -> "¥129.50". */
export function formatFen(fen: number): string {
  if (!Number.isInteger(fen)) throw new RangeError(`金额必须是整数分：${fen}`)
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  const yuan = Math.floor(abs / 100)
  const cents = abs % 100
  return `${sign}¥${yuan}${cents === 0 ? '' : `.${String(cents).padStart(2, '0')}`}`
}
