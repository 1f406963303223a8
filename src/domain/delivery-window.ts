// When the customer wants the made item delivered, chosen on the order page before it ships (asked
// by a message when the order enters quality check). The merchant's shipping form and the label
// they copy carry it; a chosen date lies between tomorrow and DELIVERY_DATE_MAX_DAYS ahead.
import { addDays, isChinaDate, type ChinaDate } from './china-date'
import { invalid, valid, type Check } from './validate'

export const DELIVERY_WINDOW_KINDS = ['weekday_day', 'weekday_evening', 'weekend', 'date'] as const
export type DeliveryWindowKind = (typeof DELIVERY_WINDOW_KINDS)[number]

export const DELIVERY_WINDOW_LABELS: Record<DeliveryWindowKind, string> = {
  weekday_day: '工作日白天',
  weekday_evening: '工作日晚上',
  weekend: '周末',
  date: '指定日期',
}

/** How far ahead a date may be chosen: beyond it the order would sit finished in the workshop. */
export const DELIVERY_DATE_MAX_DAYS = 30

export interface DeliveryWindow {
  kind: DeliveryWindowKind
  /** Only for `date`. */
  date: ChinaDate | null
  chosenAt: Date
}

/** 周末, or 指定日期 2026-12-08. */
export function deliveryWindowText(window: Pick<DeliveryWindow, 'kind' | 'date'>): string {
  const label = DELIVERY_WINDOW_LABELS[window.kind]
  return window.kind === 'date' && window.date ? `${label} ${window.date}` : label
}

/** The first and last date a customer may choose today. */
export function deliveryDateRange(today: ChinaDate): { first: ChinaDate; last: ChinaDate } {
  return { first: addDays(today, 1), last: addDays(today, DELIVERY_DATE_MAX_DAYS) }
}

/** A date is needed with `date` and refused with the others. */
export function deliveryDateCheck(
  kind: DeliveryWindowKind,
  today: ChinaDate,
): Check<ChinaDate | null> {
  return (value, path) => {
    if (kind !== 'date')
      return value === null ? valid(null) : invalid(path, '只有指定日期需要填写日期')
    if (!isChinaDate(value)) return invalid(path, '请选择送货日期')
    const { first, last } = deliveryDateRange(today)
    if (value < first) return invalid(path, '送货日期最早为明天')
    if (value > last) return invalid(path, `送货日期最晚为 ${DELIVERY_DATE_MAX_DAYS} 天内`)
    return valid(value)
  }
}
