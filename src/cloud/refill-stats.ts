// Reminder-to-reorder conversion for the merchant dashboard. Two indexed counts, no scan:
// refills reminded since `since`, and refills whose purchase came within
// REFILL_CONFIG.attributionDays of a reminder since `since` (recorded at purchase time).
// A refill reminded twice in the window counts once: the figure is "customers reminded".
import { COLLECTIONS } from '../domain/names'
import { command, countOf, db } from './database'

export interface RefillStats {
  remindersSent: number
  reorders: number
}

export async function refillStats(since: Date): Promise<RefillStats> {
  const refills = db.collection(COLLECTIONS.refills)
  const [remindersSent, reorders] = await Promise.all([
    countOf(refills.where({ lastReminderAt: command.gte(since) })),
    countOf(refills.where({ lastAttributedAt: command.gte(since) })),
  ])
  return { remindersSent, reorders }
}
