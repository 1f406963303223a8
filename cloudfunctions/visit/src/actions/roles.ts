// A change the customer or the owner may make (reschedule, cancel): the visit's customer acts as
// `consumer`, the owner as `owner`; anyone else is told the visit does not exist.
import type { VisitRecord, VisitRole } from '@/domain/visit-types'
import { isVisitOwner } from '@/cloud/staff'

export interface CustomerOrOwner {
  visible: (visit: VisitRecord) => boolean
  role: (visit: VisitRecord) => VisitRole
}

export async function customerOrOwner(openid: string): Promise<CustomerOrOwner> {
  const owner = await isVisitOwner(openid)
  return {
    visible: (visit) => owner || visit.ownerOpenid === openid,
    role: (visit) => (visit.ownerOpenid === openid ? 'consumer' : 'owner'),
  }
}
