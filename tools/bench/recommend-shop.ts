// The recommender bench's shop: customers with a latent taste (a main and a second category, a
// preferred choice per option group, maybe a consumable used up at their own pace) and a year of
// visits drawn from it. A browsing visit views a few products of a category the taste picks and
// sometimes orders one; some visits reorder a made-to-order product bought before; a consumable
// is reordered about every personal cycle. Nothing here knows how the recommender scores.
import { CATEGORIES, generateCatalog, launch, type BenchProduct } from './recommend-catalog'
import { seededRandom, type Random } from './recommend-random'

const DAY = 86_400_000
/**
 * `launched`: share of the made-to-order generated products launched during the history (0: the
 * whole catalog from the start; the bench also runs the shop with LAUNCHED_SHARE).
 */
export const SHOP_DEFAULTS = { customers: 2000, seed: 19, days: 360, launched: 0 }
export const LAUNCHED_SHARE = 0.25
/** Taste strength: shares of browsing visits and how often the preferred choice is taken. */
const TASTE = { main: 0.6, second: 0.25, loyalty: 0.8 }
const VISIT = { browseMin: 3, browseMax: 14, orderChance: 0.3, repeatChance: 0.08 }
const REFILL = { skipChance: 0.1, jitter: 0.15, viewChance: 0.5 }

export interface ShopEvent {
  at: number
  /** Events of one visit share it; the evaluation hides the whole visit of the last order. */
  visit: number
  type: 'view' | 'order'
  productId: string
  orderId?: string
  choices?: { groupId: string; choiceId: string }[]
}

export interface Taste {
  categories: Record<string, number>
  /** `category:group` → preferred choice id. */
  choices: Record<string, string>
  consumable: { productId: string; cycleDays: number } | null
}

export interface BenchCustomer {
  openid: string
  taste: Taste
  /** Saves a measurement profile once they order a measured product. */
  savesProfiles: boolean
  events: ShopEvent[]
}

export interface Shop {
  products: BenchProduct[]
  customers: BenchCustomer[]
  start: number
  end: number
}

export function generateShop(options: Partial<typeof SHOP_DEFAULTS> = {}): Shop {
  const { customers, seed, days, launched } = { ...SHOP_DEFAULTS, ...options }
  const random = seededRandom(seed)
  const end = Date.UTC(2026, 10, 30)
  const start = end - days * DAY
  const products = generateCatalog(random, start + (days / 2) * DAY)
  launch(products, seededRandom(seed + 1), launched, start, end)
  const made: BenchCustomer[] = []
  for (let i = 0; i < customers; i += 1) {
    const taste = tasteOf(random, products)
    const openid = `o_bench_${i}`
    const events = historyOf(random, products, taste, openid, start, end)
    made.push({ openid, taste, savesProfiles: random.chance(0.6), events })
  }
  return { products, customers: made, start, end }
}

function tasteOf(random: Random, products: BenchProduct[]): Taste {
  const main = random.weighted(CATEGORIES, (c) => c.weight)
  const second = random.weighted(
    CATEGORIES.filter((c) => c !== main),
    (c) => c.weight,
  )
  const rest = (1 - TASTE.main - TASTE.second) / (CATEGORIES.length - 2)
  const categories = Object.fromEntries(
    CATEGORIES.map((c) => [c.id, c === main ? TASTE.main : c === second ? TASTE.second : rest]),
  )
  // A consumable of the main category, or for some customers one from anywhere.
  const consumables = products.filter((p) => p.record.consumable && p.record.active)
  const own = consumables.filter((p) => p.record.category?.id === main.id)
  const chosen = own.length
    ? random.weighted(own, (p) => p.appeal)
    : random.chance(0.3)
      ? random.weighted(consumables, (p) => p.appeal)
      : null
  const consumable = chosen && {
    productId: chosen.record._id,
    cycleDays: chosen.record.consumable!.defaultCycleDays * (0.7 + 0.6 * random.next()),
  }
  return { categories, choices: {}, consumable }
}

/** The customer's choice for a group: their preferred one most of the time (picked on first use). */
function choicesFor(random: Random, taste: Taste, product: BenchProduct) {
  const category = product.record.category?.id ?? 'none'
  return product.record.optionGroups
    .filter((g) => g.type === 'single' && g.required)
    .map((g) => {
      const key = `${category}:${g.id}`
      taste.choices[key] ??= random.pick(g.choices).id
      const own = g.choices.some((c) => c.id === taste.choices[key])
      const choiceId =
        own && random.chance(TASTE.loyalty) ? taste.choices[key] : random.pick(g.choices).id
      return { groupId: g.id, choiceId }
    })
}

function historyOf(
  random: Random,
  products: BenchProduct[],
  taste: Taste,
  openid: string,
  start: number,
  end: number,
): ShopEvent[] {
  const visits: { at: number; refill: boolean }[] = []
  const browsing = random.int(VISIT.browseMin, VISIT.browseMax)
  for (let i = 0; i < browsing; i += 1)
    visits.push({ at: start + random.next() * (end - start), refill: false })
  if (taste.consumable) {
    const cycle = taste.consumable.cycleDays * DAY
    let at = start + random.next() * 0.25 * (end - start)
    while (at < end) {
      if (!random.chance(REFILL.skipChance)) visits.push({ at, refill: true })
      at += cycle * (1 - REFILL.jitter + 2 * REFILL.jitter * random.next())
    }
  }
  visits.sort((a, b) => a.at - b.at)
  const events: ShopEvent[] = []
  const ordered: BenchProduct[] = []
  const byId = new Map(products.map((p) => [p.record._id, p]))
  visits.forEach(({ at, refill }, visit) => {
    let minute = 0
    const add = (type: ShopEvent['type'], product: BenchProduct) => {
      const event: ShopEvent = {
        at: at + minute++ * 60_000,
        visit,
        type,
        productId: product.record._id,
      }
      if (type === 'order') {
        event.orderId = `${openid}_o${events.length}`
        event.choices = choicesFor(random, taste, product)
        if (!ordered.includes(product)) ordered.push(product)
      }
      events.push(event)
    }
    const sellable = (p: BenchProduct) =>
      at < p.sellableUntil && at >= (p.sellableFrom ?? -Infinity)
    if (refill) {
      const product = byId.get(taste.consumable!.productId)!
      if (random.chance(REFILL.viewChance)) add('view', product)
      add('order', product)
      return
    }
    const again = ordered.filter((p) => !p.record.consumable && sellable(p))
    if (again.length && random.chance(VISIT.repeatChance)) {
      const product = random.pick(again)
      add('view', product)
      add('order', product)
      return
    }
    const category = random.weighted(CATEGORIES, (c) => taste.categories[c.id])
    const shelf = products.filter((p) => p.record.category?.id === category.id && sellable(p))
    const seen: BenchProduct[] = []
    for (let n = random.int(1, 3); n > 0; n -= 1) {
      const product = random.weighted(shelf, (p) => p.appeal)
      add('view', product)
      if (!seen.includes(product)) seen.push(product)
    }
    if (random.chance(VISIT.orderChance))
      add(
        'order',
        random.weighted(seen, (p) => p.appeal),
      )
  })
  return events
}
