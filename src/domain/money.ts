/** Formats integer fen as yuan for display, e.g. 12900 -> "¥129", 12950 -> "¥129.50". */
export function formatFen(fen: number): string {
  if (!Number.isInteger(fen)) throw new RangeError(`金额必须是整数分：${fen}`)
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  const yuan = Math.floor(abs / 100)
  const cents = abs % 100
  return `${sign}¥${yuan}${cents === 0 ? '' : `.${String(cents).padStart(2, '0')}`}`
}

/** Yuan as a merchant types it ("12.5") to integer fen (1250); NaN when it is not a number. */
export function yuanToFen(yuan: string): number {
  return Math.round(Number(yuan) * 100)
}

/** Integer fen as plain yuan for an input field (1250 -> "12.5"). */
export function fenToYuan(fen: number): string {
  return String(fen / 100)
}
