// Demo data for one coherent brand, 青木定制 (a made-to-measure workshop), and the three demo
// identities the H5 switcher offers. Used by `npm start` and by the tests.
import type { Address } from '../../src/domain/address'
import type { ProductRecord } from '../../src/domain/catalog'
import { COLLECTIONS } from '../../src/domain/names'
import { ORDER_COUNTER_IDS, newOrderCounter } from '../../src/domain/order-counters'
import type { Role } from '../../src/domain/user'
import type { MaterialRecord } from '../../src/domain/stock'
import type { StaffRecord } from '../../src/domain/visit-booking'

export interface DemoUser {
  openid: string
  name: string
  role: Role
}

export const DEMO_USERS: DemoUser[] = [
  { openid: 'o_demo_consumer_a', name: '顾客 A · 林晓', role: 'consumer' },
  { openid: 'o_demo_consumer_b', name: '顾客 B · 周然', role: 'consumer' },
  { openid: 'o_demo_merchant', name: '商家 · 青木工坊', role: 'merchant' },
  { openid: 'o_demo_staff', name: '师傅 · 张师傅', role: 'staff' },
]

const choice = (id: string, label: string, priceDeltaFen = 0, leadDaysDelta = 0) => ({
  id,
  label,
  priceDeltaFen,
  leadDaysDelta,
})
const cm = (id: string, label: string, min: number, max: number, hint: string) => ({
  id,
  label,
  unit: 'cm',
  min,
  max,
  step: 0.5,
  required: true,
  hint,
})

// Measurement ids are those of the profile kinds (PROFILE_KIND_SPECS in measurement-profile.ts:
// body for the shirt, window for the curtain) and each range lies inside that kind's bounds, so
// a saved profile can prefill the form (test/unit/measurement-profile.test.ts checks this).
/** The address consumer A orders to in the tests (one place, not one per test file). */
export const DEMO_ADDRESS: Address = {
  name: '林晓',
  phone: '13812345678',
  region: '上海市 徐汇区',
  detail: '漕溪北路 100 号',
}

/** When the demo products were added: before every test clock, so none is 新品 (30 days). */
const DEMO_LAUNCHED = new Date('2025-09-01T00:00:00Z')

export const DEMO_PRODUCTS: ProductRecord[] = [
  {
    _id: 'prod_shirt',
    createdAt: DEMO_LAUNCHED,
    name: '量体定制衬衫',
    kind: 'made_to_order',
    basePriceFen: 39900,
    baseLeadDays: 12,
    image: '',
    sort: 10,
    active: true,
    category: { id: 'apparel', label: '服装' },
    featured: true,
    optionGroups: [
      {
        id: 'fabric',
        label: '面料',
        type: 'single',
        required: true,
        choices: [
          choice('oxford', '牛津纺纯棉'),
          choice('easy_care', '免烫棉', 5000),
          choice('linen', '法国亚麻', 8000, 2),
          choice('egyptian', '埃及长绒棉', 12000, 3),
        ],
      },
      {
        id: 'collar',
        label: '领型',
        type: 'single',
        required: true,
        choices: [
          choice('spread', '八字领'),
          choice('button_down', '纽扣领'),
          choice('mandarin', '立领', 2000, 1),
        ],
      },
      {
        id: 'cuff',
        label: '袖口',
        type: 'single',
        required: true,
        choices: [choice('barrel', '单扣圆角'), choice('french', '法式叠袖', 3000, 1)],
      },
      {
        id: 'monogram_place',
        label: '刺绣位置',
        type: 'multi',
        required: false,
        maxChoices: 2,
        choices: [
          choice('cuff_left', '左袖口', 2000, 2),
          choice('chest', '胸前', 2000, 2),
          choice('collar_inner', '领内侧', 2000, 2),
        ],
      },
    ],
    measurements: [
      cm('neck', '领围', 30, 60, '软尺绕喉结下方一圈，留一指松量'),
      cm('chest', '胸围', 70, 160, '双臂自然下垂，软尺经腋下绕胸部最丰满处一圈'),
      cm('shoulder', '肩宽', 35, 60, '从左肩骨端点经后颈量到右肩骨端点'),
      cm('sleeve', '袖长', 50, 75, '手臂自然下垂，从肩骨端点量到虎口上方 2 cm'),
      cm('length', '衣长', 60, 90, '从后颈第七颈椎量到希望的下摆位置'),
    ],
    textFields: [
      {
        id: 'monogram',
        label: '刺绣文字',
        maxLength: 8,
        required: false,
        hint: '最多 8 个字，中英文均可，如 LX 或 林晓',
      },
    ],
    urgent: { surchargeFen: 10000, urgentLeadDays: 5, dailyCapacity: 3 },
    // Care tips once, on delivery (issue 20).
    carePlan: [{ key: 'care_tips', title: '洗护：冷水轻柔洗，反面低温熨烫', firstAfterDays: 0 }],
  },
  {
    _id: 'prod_curtain',
    createdAt: DEMO_LAUNCHED,
    name: '全遮光定制窗帘',
    kind: 'made_to_order',
    basePriceFen: 25900,
    baseLeadDays: 15,
    image: '',
    sort: 20,
    active: true,
    category: { id: 'home_textile', label: '家纺' },
    optionGroups: [
      {
        id: 'fabric',
        label: '面料',
        type: 'single',
        required: true,
        choices: [
          choice('polyester', '涤纶全遮光'),
          choice('linen_look', '仿麻遮光', 6000, 2),
          choice('velvet', '丝绒遮光', 15000, 3),
        ],
      },
      {
        id: 'heading',
        label: '挂法',
        type: 'single',
        required: true,
        choices: [choice('hooks', '挂钩'), choice('grommet', '打孔穿杆', 3000)],
      },
      {
        id: 'installation',
        label: '安装',
        type: 'single',
        required: true,
        choices: [
          choice('self', '自行安装'),
          { ...choice('onsite', '上门测量安装', 12000, 2), visits: ['measuring', 'installing'] },
        ],
      },
    ],
    measurements: [
      {
        id: 'width',
        label: '宽度',
        unit: 'cm',
        min: 50,
        max: 600,
        step: 1,
        required: true,
        hint: '量轨道或罗马杆的全长，两侧各加 15 cm 遮光更好',
      },
      {
        id: 'height',
        label: '高度',
        unit: 'cm',
        min: 50,
        max: 350,
        step: 1,
        required: true,
        hint: '从挂钩位置量到希望的下摆（落地款离地 1 到 2 cm）',
      },
    ],
    textFields: [
      {
        id: 'remark',
        label: '安装说明',
        maxLength: 100,
        required: false,
        hint: '如飘窗、转角或有暖气片，请在这里说明',
      },
    ],
    urgent: null,
    queueOrdersPerDay: 3,
    // Wash every six months after delivery (issue 20).
    carePlan: [
      { key: 'wash', title: '清洗窗帘，晾干后再挂回', firstAfterDays: 180, everyDays: 180 },
    ],
  },
  {
    _id: 'prod_filter',
    createdAt: DEMO_LAUNCHED,
    name: '净水器替换滤芯',
    kind: 'consumable',
    basePriceFen: 8900,
    baseLeadDays: 2,
    image: '',
    sort: 30,
    active: true,
    category: { id: 'water', label: '净水' },
    optionGroups: [
      {
        id: 'model',
        label: '型号',
        type: 'single',
        required: true,
        choices: [
          choice('pp_cotton', 'PP 棉滤芯'),
          choice('carbon', '活性炭滤芯', 2000),
          choice('ro', 'RO 反渗透膜', 30000),
        ],
      },
    ],
    measurements: [],
    textFields: [],
    urgent: null,
    consumable: { defaultCycleDays: 90 },
  },
  {
    _id: 'prod_linen_batch',
    createdAt: DEMO_LAUNCHED,
    name: '亚麻四件套 · 预售拼单',
    kind: 'batch',
    basePriceFen: 59900,
    baseLeadDays: 25,
    image: '',
    sort: 40,
    active: true,
    category: { id: 'home_textile', label: '家纺' },
    featured: true,
    optionGroups: [
      {
        id: 'bed_size',
        label: '床型',
        type: 'single',
        required: true,
        choices: [choice('bed_150', '1.5 米床'), choice('bed_180', '1.8 米床', 10000)],
      },
      {
        id: 'color',
        label: '颜色',
        type: 'single',
        required: true,
        choices: [choice('oat', '燕麦'), choice('mist_blue', '雾蓝'), choice('moon_white', '月白')],
      },
    ],
    measurements: [],
    textFields: [],
    urgent: null,
    batch: { minQuantity: 20, depositFen: 9900, collectDays: 14 },
  },
]

const material = (
  _id: string,
  name: string,
  unit: string,
  quantity: number,
  safetyLevel: number,
  usage: MaterialRecord['usage'],
): MaterialRecord => ({
  _id,
  name,
  unit,
  quantity,
  reserved: 0,
  safetyLevel,
  usage,
  productIds: usage.map((u) => u.productId),
  openTaskId: null,
  taskSeq: 0,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-01T00:00:00Z'),
})

// Generous stock, so demo orders (and the order tests) never run out; the stock tests set their own.
export const DEMO_MATERIALS: MaterialRecord[] = [
  material('mat_shirting', '衬衫面料', '米', 5000, 50, [{ productId: 'prod_shirt', perUnit: 2 }]),
  material('mat_buttons', '贝壳纽扣', '粒', 20000, 200, [{ productId: 'prod_shirt', perUnit: 10 }]),
  material('mat_curtain_fabric', '窗帘面料', '米', 3000, 30, [
    { productId: 'prod_curtain', perUnit: 8 },
  ]),
  material('mat_filter_core', '滤芯成品', '支', 5000, 100, [
    { productId: 'prod_filter', perUnit: 1 },
  ]),
  material('mat_linen', '亚麻面料', '米', 20000, 100, [
    { productId: 'prod_linen_batch', perUnit: 6 },
  ]),
]

const weekdays = (from: string, to: string, days = [1, 2, 3, 4, 5, 6]) =>
  days.map((weekday) => ({ weekday, from, to }))

/**
 * The service team (docs/visits.md): 张师傅 is the switcher's staff identity; 李师傅 has no demo
 * identity; the owner also measures, in one district, as a staff row with role owner.
 */
export const DEMO_STAFF: StaffRecord[] = [
  {
    _id: 'staff_zhang',
    openid: 'o_demo_staff',
    name: '张师傅',
    role: 'staff',
    skills: ['measuring', 'installing', 'repairing'],
    districts: ['徐汇区', '闵行区', '长宁区'],
    weeklyHours: weekdays('09:00', '18:00'),
    active: true,
    createdAt: DEMO_LAUNCHED,
  },
  {
    _id: 'staff_li',
    openid: 'o_demo_staff_li',
    name: '李师傅',
    role: 'staff',
    skills: ['measuring', 'installing'],
    districts: ['徐汇区', '浦东新区'],
    weeklyHours: weekdays('10:00', '20:00', [0, 1, 2, 3, 4, 5, 6]),
    active: true,
    createdAt: DEMO_LAUNCHED,
  },
  {
    _id: 'staff_owner',
    openid: 'o_demo_merchant',
    name: '青木（店主）',
    role: 'owner',
    skills: ['measuring'],
    districts: ['静安区'],
    weeklyHours: weekdays('13:00', '17:00', [6, 0]),
    active: true,
    createdAt: DEMO_LAUNCHED,
  },
]

/** The subset of the local cloud's store API seeding needs. */
export interface SeedStore {
  ensureCollection(name: string): Promise<void>
  insertMany(name: string, docs: object[]): Promise<void>
  count(name: string): Promise<number>
}

/** Creates every collection and fills an empty database; a seeded database is left as it is. */
export async function seedDemo(store: SeedStore): Promise<{ seeded: boolean }> {
  for (const name of Object.values(COLLECTIONS)) await store.ensureCollection(name)
  if ((await store.count(COLLECTIONS.products)) > 0) return { seeded: false }
  await store.insertMany(COLLECTIONS.products, DEMO_PRODUCTS)
  const merchants = DEMO_USERS.filter((user) => user.role === 'merchant')
  await store.insertMany(
    COLLECTIONS.merchants,
    merchants.map((user) => ({ _id: user.openid, name: user.name, addedAt: new Date() })),
  )
  await store.insertMany(COLLECTIONS.materials, DEMO_MATERIALS)
  // Every order counter shard at 0, so an order's write only ever increments (order-counters.ts).
  await store.insertMany(
    COLLECTIONS.orderCounters,
    ORDER_COUNTER_IDS.map((_, shard) => newOrderCounter(shard)),
  )
  await store.insertMany(COLLECTIONS.staff, DEMO_STAFF)
  return { seeded: true }
}
