// Who may call a visit action: defineUserAction (any signed-in customer) comes from the router;
// the owner's and the staff member's are checked here, on every call, from the database.
import type { Contract, PayloadOf, ReturnOf } from '@/domain/api/contract'
import type { StaffRecord } from '@/domain/visit-booking'
import { defineAction, type Action } from '@/cloud/router'
import { requireStaff, requireVisitOwner } from '@/cloud/staff'
import type { Result } from '@/domain/result'

type Run<C, Who> = (input: PayloadOf<C>, who: Who) => Promise<Result<ReturnOf<C>>>

/** The shop's owner (a merchant, or a staff row with role owner): `run` gets their OPENID. */
export function defineOwnerAction<C extends Contract>(contract: C, run: Run<C, string>): Action<C> {
  return defineAction(contract, async (input, caller) => {
    const owner = await requireVisitOwner(caller)
    return owner.ok ? run(input, owner.data) : owner
  })
}

/** A staff member: `run` gets their staff row (never an id from the payload). */
export function defineStaffAction<C extends Contract>(
  contract: C,
  run: Run<C, StaffRecord>,
): Action<C> {
  return defineAction(contract, async (input, caller) => {
    const staff = await requireStaff(caller)
    return staff.ok ? run(input, staff.data) : staff
  })
}
