// Percentiles the merchant's figures share (dashboard.ts, after-sales-stats.ts), apart so
// neither imports the other.

/** The value at or below which 90% of samples fall (nearest rank). */
export function p90(values: number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.ceil(0.9 * sorted.length) - 1]
}
