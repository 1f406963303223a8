// Every collection, function and action name, typed once.
export const COLLECTIONS = {
  users: 'users',
  merchants: 'merchants',
  products: 'products',
} as const
export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS]

export const FUNCTIONS = {
  user: 'user',
  catalog: 'catalog',
} as const
export type FunctionName = (typeof FUNCTIONS)[keyof typeof FUNCTIONS]

/** Actions each function's router accepts. */
export const ACTIONS = {
  user: { me: 'me' },
  catalog: { list: 'list' },
} as const
