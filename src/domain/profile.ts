import type { Profile, Role } from './user'

/** The stored user record, keyed by OPENID. */
export interface UserRecord {
  _id: string
  visits: number
  firstSeenAt: Date
  lastSeenAt: Date
}

export function toProfile(user: UserRecord, role: Role): Profile {
  return {
    role,
    visits: user.visits,
    firstSeenAt: user.firstSeenAt.toISOString(),
    lastSeenAt: user.lastSeenAt.toISOString(),
  }
}
