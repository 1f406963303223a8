// The recommender bench's catalog: the demo products plus generated ones across six categories.
// Products of one category share option group ids (fabric, color…), so a taste for 法国亚麻 on
// one shirt is the same count key on the next, as in a real shop. Consumables carry cycles; a
// tenth of the generated products are withdrawn (inactive) halfway through the history, and some
// made-to-order ones launch during it (`launch`, with their createdAt).
import type { Choice, OptionGroup, ProductRecord } from '../../src/domain/product-schema'
import { DEMO_PRODUCTS } from '../seed/demo'
import type { Random } from './recommend-random'

interface CategorySpec {
  id: string
  label: string
  /** Share of customers whose main interest it is. */
  weight: number
  count: number
  groups: { id: string; choices: string[] }[]
  /** Days per unit, for consumables; absent: made to order. */
  cycles?: number[]
  /** A demo product whose measurements the category's products copy (a profile fits them). */
  measuredLike?: string
}

export const CATEGORIES: CategorySpec[] = [
  {
    id: 'apparel',
    label: '服装',
    weight: 0.3,
    count: 8,
    groups: [
      { id: 'fabric', choices: ['oxford', 'easy_care', 'linen', 'egyptian'] },
      { id: 'fit', choices: ['slim', 'regular', 'relaxed'] },
    ],
    measuredLike: 'prod_shirt',
  },
  {
    id: 'home_textile',
    label: '家纺',
    weight: 0.25,
    count: 8,
    groups: [
      { id: 'fabric', choices: ['polyester', 'linen_look', 'velvet'] },
      { id: 'color', choices: ['oat', 'mist_blue', 'moon_white', 'grey'] },
    ],
    measuredLike: 'prod_curtain',
  },
  {
    id: 'leather',
    label: '皮具',
    weight: 0.1,
    count: 6,
    groups: [
      { id: 'leather', choices: ['cowhide', 'vegetable', 'suede'] },
      { id: 'color', choices: ['black', 'tan', 'brown'] },
    ],
  },
  {
    id: 'water',
    label: '净水',
    weight: 0.15,
    count: 4,
    groups: [{ id: 'model', choices: ['pp_cotton', 'carbon', 'ro'] }],
    cycles: [60, 90, 180],
  },
  {
    id: 'tea',
    label: '茶饮',
    weight: 0.1,
    count: 5,
    groups: [{ id: 'grade', choices: ['standard', 'premium', 'reserve'] }],
    cycles: [30, 45],
  },
  {
    id: 'care',
    label: '洗护',
    weight: 0.1,
    count: 5,
    groups: [{ id: 'scent', choices: ['none', 'lavender', 'cedar'] }],
    cycles: [30, 60],
  },
]

export interface BenchProduct {
  record: ProductRecord
  /** How much customers like it whatever their taste (a few products are hits). */
  appeal: number
  /** Withdrawn products are shown and sold only before this time (ms). */
  sellableUntil: number
  /** Products launched during the history are shown and sold only from this time (ms). */
  sellableFrom?: number
}

const choice = (id: string): Choice => ({ id, label: id, priceDeltaFen: 0, leadDaysDelta: 0 })
const group = (id: string, choices: string[]): OptionGroup => ({
  id,
  label: id,
  type: 'single',
  required: true,
  choices: choices.map(choice),
})

/** The catalog at the end of the history; `withdrawAt` is when inactive products left. */
export function generateCatalog(random: Random, withdrawAt: number): BenchProduct[] {
  const demo = DEMO_PRODUCTS.map((record) => ({ record, appeal: 1, sellableUntil: Infinity }))
  const made: BenchProduct[] = []
  for (const spec of CATEGORIES)
    for (let i = 0; i < spec.count; i += 1) {
      const like = DEMO_PRODUCTS.find((p) => p._id === spec.measuredLike)
      const cycle = spec.cycles ? random.pick(spec.cycles) : null
      const active = !random.chance(0.1)
      const record: ProductRecord = {
        _id: `gen_${spec.id}_${i}`,
        name: `${spec.label} ${i + 1}`,
        kind: cycle ? 'consumable' : 'made_to_order',
        image: '',
        sort: 100 + made.length,
        active,
        category: { id: spec.id, label: spec.label },
        basePriceFen: 10000,
        baseLeadDays: cycle ? 3 : 10,
        optionGroups: spec.groups.map((g) => group(g.id, g.choices)),
        measurements: like?.measurements ?? [],
        textFields: [],
        urgent: null,
        ...(cycle ? { consumable: { defaultCycleDays: cycle } } : {}),
      }
      // Log-normal-ish appeal: most products ordinary, a few clear favourites.
      const appeal = Math.exp(random.normal() * 0.8)
      made.push({ record, appeal, sellableUntil: active ? Infinity : withdrawAt })
    }
  return [...demo, ...made]
}

/**
 * Launches a `share` of the active made-to-order generated products at a uniform time in
 * [start, end): sold from then, created then (新品 for a while). Consumables stay from the start:
 * customers are on their cycles from day one. Its own random source, so share 0 changes nothing.
 */
export function launch(
  products: BenchProduct[],
  random: Random,
  share: number,
  start: number,
  end: number,
): void {
  for (const product of products) {
    const { record } = product
    if (!record._id.startsWith('gen_') || !record.active || record.consumable) continue
    if (!random.chance(share)) continue
    product.sellableFrom = Math.floor(start + random.next() * (end - start))
    record.createdAt = new Date(product.sellableFrom)
  }
}
