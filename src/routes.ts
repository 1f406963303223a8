// The merchant subpackage's pages (root `merchant` in app.config), named once: the main package
// links into the subpackage through these names and never imports its code.
export const MERCHANT_PAGES = {
  board: '/merchant/pages/board/index',
  order: '/merchant/pages/order/index',
  stock: '/merchant/pages/stock/index',
  batches: '/merchant/pages/batches/index',
  appointments: '/merchant/pages/appointments/index',
  dashboard: '/merchant/pages/dashboard/index',
  deadLetters: '/merchant/pages/dead-letters/index',
  money: '/merchant/pages/money/index',
  afterSales: '/merchant/pages/after-sales/index',
  csInbox: '/merchant/pages/cs-inbox/index',
  insights: '/merchant/pages/insights/index',
  /** 派单: the day's home visits, assigned and reassigned (issue 18). */
  visits: '/merchant/pages/visits/index',
} as const

/**
 * The shopping subpackage (root `shop`): product, confirm, order detail, subscriptions and refills,
 * preloaded from the tab pages. Links already sent (subscribe messages, customer-service cards) keep
 * their old main-package addresses, which stay as pages that hand over to these (src/pages).
 */
export const SHOP_PAGES = {
  product: '/shop/pages/product/index',
  confirm: '/shop/pages/confirm/index',
  order: '/shop/pages/order/index',
  subscriptions: '/shop/pages/subscriptions/index',
  refills: '/shop/pages/refills/index',
} as const

/** The customer-service subpackage (root `service`): after-sales and rating forms, loaded on first use. */
export const SERVICE_PAGES = {
  afterSales: '/service/pages/after-sales/index',
  rating: '/service/pages/rating/index',
  returnShipment: '/service/pages/return-shipment/index',
  /** 保养提醒: an order's care tasks (a care reminder opens it). */
  care: '/service/pages/care/index',
  /** 我的任务: a service staff member's visits (issue 18). */
  tasks: '/service/pages/tasks/index',
} as const

/**
 * The customer's records subpackage (root `account`): 量体档案 and 优惠券, opened from 我的, and an
 * order's home visits (上门服务), opened from the order page.
 */
export const ACCOUNT_PAGES = {
  profiles: '/account/pages/profiles/index',
  coupons: '/account/pages/coupons/index',
  /** 上门服务: an order's home visits for its customer (`orderId`, `kind` to book one). */
  visit: '/account/pages/visit/index',
  /** 我的预约: home visits and designer appointments (`orderId`: book a designer about it). */
  bookings: '/account/pages/bookings/index',
} as const

/** The service team's subpackage (root `team`): 师傅管理 for the owner, 师傅入驻 for a new person. */
export const TEAM_PAGES = {
  /** 师傅管理: staff, invite codes, days off (issue 18). */
  staff: '/team/pages/staff/index',
  /** 师傅入驻: `code` from the owner's link, or typed. */
  join: '/team/pages/join/index',
} as const

/** The home page: the first tab, and what an H5 address without a page opens. */
export const HOME_PAGE = '/pages/index/index'
