// Error shapes of the local cloud, matching what the real services answer.
//   /admin (the wx-server-sdk wire protocol): { requestId, code, message } with HTTP 200; the SDK
//   maps `code` to its errCode (DATABASE_COLLECTION_NOT_EXIST -> -502005, ...).
//   /cloud/* and LocalCloud.invoke: { errCode, errMsg } like wx.cloud.callFunction failures.

/** An error the /admin protocol answers as `{ requestId, code, message }`. */
export class AdminError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export const adminErrors = {
  invalidParam: (message: string) => new AdminError('INVALID_PARAM', message),
  collectionNotExist: (name: string) =>
    new AdminError(
      'DATABASE_COLLECTION_NOT_EXIST',
      `Db or Table not exist: ${name}. 集合 ${name} 不存在，请先创建集合`,
    ),
  collectionExists: (name: string) =>
    new AdminError(
      'DATABASE_COLLECTION_ALREADY_EXIST',
      `Table exist: ${name}. 集合 ${name} 已存在`,
    ),
  conflict: (detail = '') =>
    new AdminError(
      'DATABASE_TRANSACTION_CONFLICT',
      `database transaction conflict, please retry. 事务冲突，请重试${detail ? `（${detail}）` : ''}`,
    ),
  transactionNotFound: (id: string) =>
    new AdminError(
      'DATABASE_TRANSACTION_FAIL',
      `transaction ${id} does not exist or has expired (idle > 30 s). 事务不存在或已超时`,
    ),
  requestFailed: (message: string) => new AdminError('DATABASE_REQUEST_FAILED', message),
}

/** A callFunction-style failure: `{ errCode, errMsg }`. */
export interface CloudCallError {
  errCode: number
  errMsg: string
}

export const ERR = {
  FUNCTION_NOT_FOUND: -501000,
  INVALID_PARAM: -501007,
  FUNCTION_FAILED: -404011,
  SYS_ERR: -501001,
} as const

export function callError(errCode: number, detail: string): CloudCallError {
  return { errCode, errMsg: `cloud.callFunction:fail ${errCode} ${detail}` }
}

export function isCloudCallError(value: unknown): value is CloudCallError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as CloudCallError).errCode === 'number' &&
    typeof (value as CloudCallError).errMsg === 'string'
  )
}

/** PostgreSQL error codes that mean "another transaction got there first". */
export function isPgConflict(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code
  return code === '40001' || code === '40P01' || code === '55P03' || code === '23505'
}
