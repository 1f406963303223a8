// The dashboard's service figures (issue 18): visits per China day and per district, the share of
// arrivals inside their window, and each staff member's visits and average rating. Folded from a
// bounded window of visits (by window start), like the rating figures.
import { chinaDateOf, type ChinaDate } from './china-date'
import type { VisitRecord } from './visit-types'

export type VisitStatsRow = Pick<
  VisitRecord,
  'district' | 'staffId' | 'node' | 'window' | 'timeline' | 'rating'
>

export interface StaffServiceFigures {
  staffId: string
  name: string
  visits: number
  done: number
  /** Mean of both aspects over the rated visits, to one decimal; null when none is rated. */
  rating: number | null
  ratings: number
}

export interface ServiceStats {
  visits: number
  byDay: { date: ChinaDate; visits: number }[]
  byDistrict: { district: string; visits: number }[]
  /** Arrivals before their window ended, over all arrivals; null when nobody has arrived yet. */
  onTimeRate: number | null
  arrivals: number
  missed: number
  byStaff: StaffServiceFigures[]
}

const round1 = (value: number) => Math.round(value * 10) / 10

function countBy<T>(rows: T[], keyOf: (row: T) => string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const row of rows) counts.set(keyOf(row), (counts.get(keyOf(row)) ?? 0) + 1)
  return counts
}

/** The first arrival on the timeline: a rescheduled visit is judged by its last window. */
const arrivalOf = (visit: VisitStatsRow) =>
  visit.timeline.find((entry) => entry.event === 'arrive')?.at ?? null

/** Cancelled visits count nowhere: nobody went. `names` maps staff ids to names. */
export function serviceStats(
  visits: VisitStatsRow[],
  names: ReadonlyMap<string, string>,
): ServiceStats {
  const held = visits.filter((visit) => visit.node !== 'cancelled')
  const arrivals = held.flatMap((visit) => {
    const at = arrivalOf(visit)
    return at ? [{ at, visit }] : []
  })
  const onTime = arrivals.filter(({ at, visit }) => at.getTime() < visit.window.end.getTime())
  const days = countBy(held, (visit) => chinaDateOf(visit.window.start))
  const districts = countBy(held, (visit) => visit.district)
  const staffed = held.filter((visit) => visit.staffId !== null)
  const byStaff = [...countBy(staffed, (visit) => visit.staffId as string).keys()].map(
    (staffId) => {
      const own = staffed.filter((visit) => visit.staffId === staffId)
      const rated = own.flatMap((visit) => (visit.rating ? [visit.rating] : []))
      const sum = rated.reduce((total, r) => total + r.punctuality + r.professionalism, 0)
      return {
        staffId,
        name: names.get(staffId) ?? staffId,
        visits: own.length,
        done: own.filter((visit) => visit.node === 'done').length,
        rating: rated.length > 0 ? round1(sum / (rated.length * 2)) : null,
        ratings: rated.length,
      }
    },
  )
  return {
    visits: held.length,
    byDay: [...days].map(([date, count]) => ({ date, visits: count })).sort(byKey('date')),
    byDistrict: [...districts]
      .map(([district, count]) => ({ district, visits: count }))
      .sort((a, b) => b.visits - a.visits || a.district.localeCompare(b.district)),
    onTimeRate: arrivals.length > 0 ? round1((onTime.length / arrivals.length) * 100) : null,
    arrivals: arrivals.length,
    missed: held.filter((visit) => visit.node === 'missed').length,
    byStaff: byStaff.sort((a, b) => b.visits - a.visits || a.name.localeCompare(b.name)),
  }
}

function byKey<K extends string>(key: K) {
  return (a: Record<K, string>, b: Record<K, string>) => a[key].localeCompare(b[key])
}
