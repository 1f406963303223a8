// How weekly hours read on 师傅管理: "周一至周五 09:00–18:00" would need ranges; one line per span
// grouped by the same hours keeps it short and exact.
import type { WeeklyHours } from '@/domain/visit-hours'
import { WEEKDAY_LABELS } from '@/domain/visit-staff'

/** '周一 周二 09:00–18:00；周六 13:00–17:00', Monday first; '未设置' without hours. */
export function weeklyText(hours: readonly WeeklyHours[]): string {
  const bySpan = new Map<string, number[]>()
  for (const { weekday, from, to } of hours) {
    const span = `${from}–${to}`
    bySpan.set(span, [...(bySpan.get(span) ?? []), weekday])
  }
  const monday = (day: number) => (day + 6) % 7
  const parts = [...bySpan.entries()].map(([span, days]) => {
    const names = [...days].sort((a, b) => monday(a) - monday(b)).map((d) => WEEKDAY_LABELS[d])
    return `${names.join(' ')} ${span}`
  })
  return parts.length ? parts.join('；') : '未设置'
}
