/** `staff`: a service staff member (docs/visits.md); the local cloud's switcher offers one. */
export const ROLES = ['consumer', 'merchant', 'staff'] as const
export type Role = (typeof ROLES)[number]

/** What `user.me` returns: the caller as the server sees them. */
export interface Profile {
  role: Role
  /** How many times this user has opened the app (counted on the server). */
  visits: number
  firstSeenAt: string
  lastSeenAt: string
}

/** What `user.role` returns. */
export interface RoleView {
  role: Role
  /** The caller's photo folder (src/cloud/photo-dir.ts), where their 申请售后 and 评价 photos go. */
  photoDir: string
}

export const ROLE_LABELS: Record<Role, string> = {
  consumer: '顾客',
  merchant: '商家',
  staff: '师傅',
}
