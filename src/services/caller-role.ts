// Who the caller is, as the server says (user.role: the role and their photo folder). Asked once
// per app session and shared by the tab bar, the merchant entry and gate (useMerchantRole) and
// the photo upload (upload.ts); a failed ask is asked again next time, and on H5 a change of demo
// identity forgets the answer before anyone asks again.
import { userApi } from '@/domain/api/user'
import type { Result } from '@/domain/result'
import type { RoleView } from '@/domain/user'
import { callCloud } from './cloud'
import { onLocalIdentityChange } from './local-identity'

let asked: Promise<Result<RoleView>> | undefined

if (process.env.TARO_ENV === 'h5')
  onLocalIdentityChange(() => {
    asked = undefined
  })

export function askCallerRole(): Promise<Result<RoleView>> {
  if (asked) return asked
  const answer = callCloud(userApi.role).then((result) => {
    if (!result.ok && asked === answer) asked = undefined
    return result
  })
  asked = answer
  return answer
}
