import * as cloud from 'wx-server-sdk'

// DYNAMIC_CURRENT_ENV: the environment the function is deployed in (or the local cloud's).
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })

/** Missing documents read as `{ data: null }` instead of a thrown error. */
export const db = cloud.database({ throwOnNotFound: false } as Parameters<typeof cloud.database>[0])
export const command = db.command
