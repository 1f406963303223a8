// Every collection, function and action name, typed once.
export const COLLECTIONS = {
  users: 'users',
  merchants: 'merchants',
  products: 'products',
  measurementProfiles: 'measurement_profiles',
  consents: 'consents',
  appointmentSlots: 'appointment_slots',
  /** Per-customer counters behind the booking and open-order limits (customer-holds.ts). */
  customerHolds: 'customer_holds',
  orders: 'orders',
  orderAudit: 'order_audit',
  notificationQueue: 'notification_queue',
  batches: 'batches',
  /** A batch's count, in shards per product (batch-shards.ts). */
  batchShards: 'batch_shards',
  urgentQuotas: 'urgent_quotas',
  coupons: 'coupons',
  /** Send-credit ledger and preference per (user, message purpose). */
  subscriptions: 'subscriptions',
  /** Where a timer that reads in pages stopped, so its next run goes on from there (wake-ups.ts). */
  timerCursors: 'timer_cursors',
  /** Messages sent per (user, China day), for the daily frequency cap. */
  messageCounters: 'message_counters',
  materials: 'materials',
  /** A material's spare and reserved units handed out to shards (stock-shards.ts). */
  materialShards: 'material_shards',
  stockReservations: 'stock_reservations',
  restockTasks: 'restock_tasks',
  /** Replenishment state per (user, consumable product). */
  refills: 'refills',
  /** Care reminders per (delivered order, care step), care.ts. */
  careTasks: 'care_tasks',
  /** Raw behaviour events (behaviour.ts), removed after the retention period by user's timer. */
  behaviourEvents: 'behaviour_events',
  /** Per-customer preference counts and the 个性化推荐 switch, `_id` = OPENID. */
  preferences: 'preferences',
  /** Recommendation slots' shown / tapped / ordered per (China day, slot), rec-stats.ts. */
  recStats: 'rec_stats',
  coPurchase: 'co_purchase',
  /** One row per payment confirmed and refund paid out (id: outTradeNo / outRefundNo); ledger.ts. */
  paymentLedger: 'payment_ledger',
  /** After-sales requests on delivered orders (after-sales.ts). */
  afterSales: 'after_sales',
  /** The owner's rating of a completed order, `_id` = the order id (rating.ts). */
  ratings: 'ratings',
  /** Every message a customer sent in the 客服 chat, `_id` = WeChat's MsgId (customer-service.ts). */
  csMessages: 'cs_messages',
  /** One row per customer's 客服 chat, `_id` = OPENID: its order, last message, who must answer. */
  csSessions: 'cs_sessions',
  /** How often the catalog list showed each product, per China day in shards (list-views.ts). */
  listViews: 'list_views',
  staff: 'staff',
  availability: 'availability',
  visits: 'visits',
  slotClaims: 'slot_claims',
  visitReports: 'visit_reports',
  visitAudit: 'visit_audit',
  /** The board's and dashboard's order counts, in shards (order-counters.ts). */
  orderCounters: 'order_counters',
} as const
export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS]

export const FUNCTIONS = {
  user: 'user',
  catalog: 'catalog',
  profile: 'profile',
  appointment: 'appointment',
  order: 'order',
  message: 'message',
  merchant: 'merchant',
  refill: 'refill',
  /** WeChat Pay's payment and refund callbacks (no actions: WeChat's notification is the event). */
  payment: 'payment',
  /** WeChat's 客服 message push (no actions: WeChat's packet is the event). */
  service: 'service',
  visit: 'visit',
} as const
export type FunctionName = (typeof FUNCTIONS)[keyof typeof FUNCTIONS]

/** Each timer trigger's name, as in the function's config.json (WeChat puts it in the event). */
export const TIMER_TRIGGERS = {
  order: 'orderHousekeeping',
  message: 'messageDrain',
  refill: 'refillReminders',
  user: 'behaviourRetention',
  visit: 'visitHousekeeping',
} as const satisfies Partial<Record<FunctionName, string>>

/** Actions each function's router accepts. */
export const ACTIONS = {
  user: {
    me: 'me',
    /** The caller's role only: reads, never counts a visit (the tab bar and merchant entry). */
    role: 'role',
    /** Everything personal the caller has stored (privacy law: access and portability). */
    exportData: 'exportData',
    /** Erases the caller's personal data outside orders; `{ confirm: true }` required. */
    deleteData: 'deleteData',
    /** The home page in one call: orders in progress, refills due, 为你推荐, the catalog. */
    home: 'home',
    /** The 个性化推荐 switch: read it, and turn it on or off. */
    personalisation: 'personalisation',
    setPersonalisation: 'setPersonalisation',
  },
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
    /** Start a WeChat Pay attempt for the caller's unpaid order. */
    pay: 'pay',
    /** The caller's coupons (我的 → 优惠券, and the confirm page's choices). */
    coupons: 'coupons',
    /** Ask for an alteration, remake, return or repair on a delivered order. */
    requestAfterSales: 'requestAfterSales',
    /** An order's after-sales requests, and what may be asked now. */
    afterSales: 'afterSales',
    /** The customer takes back a request the shop has not answered. */
    withdrawAfterSales: 'withdrawAfterSales',
    /** The customer's 寄回信息 (carrier, tracking number) on an accepted request. */
    sendAfterSalesItem: 'sendAfterSalesItem',
    /** Rate a completed order (质量, 合身, 准时, a text), or change the rating within 7 days. */
    rateOrder: 'rateOrder',
    /** An order's rating, and whether its owner may rate or change it now. */
    rating: 'rating',
  },
  message: {
    /** Record a requestSubscribeMessage result: each accept adds one credit. */
    authorize: 'authorize',
    settings: 'settings',
    setPreference: 'setPreference',
    /** The caller's in-app messages (every queued message shows here, sent or not). */
    inbox: 'inbox',
    /** A sent message's page was opened (its `mid`): counted once, for the dashboard. */
    opened: 'opened',
    /** Merchants: failed sends with their reason. */
    deadLetters: 'deadLetters',
  },
  merchant: {
    actMany: 'actMany',
    stock: 'stock',
    saveMaterial: 'saveMaterial',
    adjustStock: 'adjustStock',
    flagStockOut: 'flagStockOut',
    batches: 'batches',
    closeBatch: 'closeBatch',
    cancelBatch: 'cancelBatch',
    dashboard: 'dashboard',
    merchants: 'merchants',
    addMerchant: 'addMerchant',
    removeMerchant: 'removeMerchant',
    /** A partial or full refund of a paid order, with a reason (money-views.ts). */
    refundOrder: 'refundOrder',
    /** Sends a failed refund again with the same outRefundNo. */
    retryRefund: 'retryRefund',
    /** A China day's money from the payment ledger. */
    reconciliation: 'reconciliation',
    /** Orders whose refund failed, with WeChat's reason. */
    failedRefunds: 'failedRefunds',
    /** Open after-sales requests, oldest first, with the overdue marker. */
    afterSalesQueue: 'afterSalesQueue',
    /** Accept with a plan, decline with a reason, or close a request once done. */
    decideAfterSales: 'decideAfterSales',
    /** One answer (accept or decline) to several requests, each on its own. */
    decideAfterSalesMany: 'decideAfterSalesMany',
    /** The 客服 inbox: customers' chats, newest first, with their order and who answers. */
    csInbox: 'csInbox',
    /** A merchant's text reply in a customer's 客服 chat, within WeChat's 48-hour window. */
    csReply: 'csReply',
    /** 经营洞察: each product's funnel and the week-on-week demand signals. */
    insights: 'insights',
  },
  refill: {
    mine: 'mine',
    snooze: 'snooze',
    adjustCycle: 'adjustCycle',
    stop: 'stop',
    /** The caller's care tasks (care.ts), or one order's. */
    careTasks: 'careTasks',
    /** 暂不需要 on a care task: its next occurrence. */
    snoozeCare: 'snoozeCare',
    /** 停止 on a care task: the order's whole care plan stops. */
    stopCare: 'stopCare',
  },
  /** None: WeChat calls it with its notification, never a client with an action. */
  payment: {},
  /** None: WeChat calls it with a customer's 客服 message, never a client with an action. */
  service: {},
  visit: {
    windows: 'windows',
    book: 'book',
    mine: 'mine',
    reschedule: 'reschedule',
    cancel: 'cancel',
    rate: 'rate',
    dispatch: 'dispatch',
    assign: 'assign',
    tasks: 'tasks',
    act: 'act',
    report: 'report',
    confirmSizes: 'confirmSizes',
    staff: 'staff',
    saveStaff: 'saveStaff',
    setHours: 'setHours',
    joinStaff: 'joinStaff',
  },
} as const
