// Every collection, function and action name, typed once.
export const COLLECTIONS = {
  users: 'users',
  merchants: 'merchants',
  products: 'products',
  measurementProfiles: 'measurement_profiles',
  consents: 'consents',
  appointmentSlots: 'appointment_slots',
  orders: 'orders',
  orderAudit: 'order_audit',
  notificationQueue: 'notification_queue',
  batches: 'batches',
  urgentQuotas: 'urgent_quotas',
  coupons: 'coupons',
} as const
export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS]

export const FUNCTIONS = {
  user: 'user',
  catalog: 'catalog',
  profile: 'profile',
  appointment: 'appointment',
  order: 'order',
} as const
export type FunctionName = (typeof FUNCTIONS)[keyof typeof FUNCTIONS]

/** Actions each function's router accepts. */
export const ACTIONS = {
  user: { me: 'me' },
  catalog: { list: 'list', get: 'get' },
  profile: {
    consent: 'consent',
    consentStatus: 'consentStatus',
    save: 'save',
    list: 'list',
    remove: 'remove',
  },
  appointment: {
    defineSlots: 'defineSlots',
    listSlots: 'listSlots',
    book: 'book',
    cancel: 'cancel',
    mine: 'mine',
    bookings: 'bookings',
  },
  order: {
    quote: 'quote',
    create: 'create',
    reorder: 'reorder',
    detail: 'detail',
    mine: 'mine',
    board: 'board',
    /** Apply one state-machine event (order-transition.ts) to one order. */
    act: 'act',
  },
} as const
