// Demo data for one coherent brand, 青木定制 (a made-to-measure workshop), and the three demo
// identities the H5 switcher offers. Used by `npm start` and by the tests.
import type { ProductRecord } from '../../src/domain/catalog'
import { COLLECTIONS } from '../../src/domain/names'
import type { Role } from '../../src/domain/user'

export interface DemoUser {
  openid: string
  name: string
  role: Role
}

export const DEMO_USERS: DemoUser[] = [
  { openid: 'o_demo_consumer_a', name: '顾客 A · 林晓', role: 'consumer' },
  { openid: 'o_demo_consumer_b', name: '顾客 B · 周然', role: 'consumer' },
  { openid: 'o_demo_merchant', name: '商家 · 青木工坊', role: 'merchant' },
]

export const DEMO_PRODUCTS: ProductRecord[] = [
  {
    _id: 'prod_shirt',
    name: '量体定制衬衫',
    kind: 'made_to_order',
    basePriceFen: 39900,
    baseLeadDays: 12,
    image: '',
    sort: 10,
    active: true,
  },
  {
    _id: 'prod_curtain',
    name: '全遮光定制窗帘',
    kind: 'made_to_order',
    basePriceFen: 25900,
    baseLeadDays: 15,
    image: '',
    sort: 20,
    active: true,
  },
  {
    _id: 'prod_filter',
    name: '净水器替换滤芯',
    kind: 'consumable',
    basePriceFen: 8900,
    baseLeadDays: 2,
    image: '',
    sort: 30,
    active: true,
  },
  {
    _id: 'prod_linen_batch',
    name: '亚麻四件套 · 预售拼单',
    kind: 'batch',
    basePriceFen: 59900,
    baseLeadDays: 25,
    image: '',
    sort: 40,
    active: true,
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
  return { seeded: true }
}
