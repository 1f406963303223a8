// 为你推荐 offline: a generated shop (recommend-shop.ts) evaluated leave-last-order-out
// (recommend-eval.ts), hit rate at 4 against the two baselines of the same run. Pure domain code:
// no cloud or database is started. `npm run bench -- recommend` (BENCH_QUICK=1: 20 customers).
import { RECOMMEND_CONFIG } from '../../src/domain/recommend'
import { CATEGORIES } from './recommend-catalog'
import { evaluateShop, rate, type Evaluation, type Method } from './recommend-score'
import { generateShop, LAUNCHED_SHARE, SHOP_DEFAULTS } from './recommend-shop'
import type { BenchFigure, Benchmark } from './types'

const GOAL = 1.5
const KIND_LABELS = {
  refill: 'a consumable bought before (refill)',
  repeat: 'a made-to-order product bought before (repeat)',
  new_viewed: 'a product viewed but never bought',
  new_unseen: 'a product neither viewed nor bought',
} as const

const BASELINE_LABELS: Record<Exclude<Method, 'recommender'>, string> = {
  popular: 'most popular',
  recent: 'most recently viewed',
}

/** The baseline with the higher hit rate in `tally`. */
function better(tally: Evaluation['all']) {
  return rate(tally, 'popular') >= rate(tally, 'recent') ? 'popular' : 'recent'
}

function hitFigure(label: string, tally: Evaluation['all'], note?: string): BenchFigure {
  const baseline = better(tally)
  return {
    label,
    value: rate(tally, 'recommender'),
    baseline: rate(tally, baseline),
    unit: '%',
    baselineLabel: BASELINE_LABELS[baseline],
    note,
  }
}

export const benchmark: Benchmark = {
  name: 'recommend',
  title: '为你推荐 offline: hit rate at 4, leave-last-order-out',
  async runPure(ctx) {
    const customers = Math.max(20, Math.round(SHOP_DEFAULTS.customers * ctx.scale))
    const shop = generateShop({ customers })
    const result = evaluateShop(shop)
    const atOrder = evaluateShop(shop, 'order')
    const launchedShop = generateShop({ customers, launched: LAUNCHED_SHARE })
    const launched = evaluateShop(launchedShop)
    const launchedCount = launchedShop.products.filter((p) => p.sellableFrom !== undefined).length
    const { all, byKind } = result
    const generated = shop.products.filter((p) => p.record._id.startsWith('gen_'))
    const consumables = shop.products.filter((p) => p.record.consumable).length
    const inactive = shop.products.filter((p) => !p.record.active).length
    const withConsumable = shop.customers.filter((c) => c.taste.consumable).length
    const pct = (tally: Evaluation['all'], method: Method) => `${rate(tally, method).toFixed(1)}%`
    ctx.log(
      `${result.evaluated} customers: recommender ${pct(all, 'recommender')}, most popular ${pct(all, 'popular')}, most recently viewed ${pct(all, 'recent')}`,
    )
    const ratio = rate(all, 'recommender') / rate(all, better(all))
    const figures: BenchFigure[] = [
      hitFigure(
        `hit@${RECOMMEND_CONFIG.limit}, all ${result.evaluated} customers`,
        all,
        `goal ${GOAL}× the better baseline: ${ratio >= GOAL ? 'reached' : 'NOT reached'}; most popular ${pct(all, 'popular')}, most recently viewed ${pct(all, 'recent')}`,
      ),
      ...Object.entries(KIND_LABELS).map(([kind, label]) => {
        const tally = byKind[kind as keyof typeof KIND_LABELS]
        const share = ((100 * tally.count) / Math.max(1, result.evaluated)).toFixed(0)
        return hitFigure(
          `hit@${RECOMMEND_CONFIG.limit} when the hidden order is ${label}: ${tally.count} customers (${share}%)`,
          tally,
          `most popular ${pct(tally, 'popular')}, most recently viewed ${pct(tally, 'recent')}${kind === 'refill' ? `; ${result.refillsNotYetDue} of these refills were predicted to run out more than ${RECOMMEND_CONFIG.refillSoonDays} days later, so not shown` : ''}`,
        )
      }),
      hitFigure(
        `hit@${RECOMMEND_CONFIG.limit} cut just before the order (that visit's views visible)`,
        atOrder.all,
        `most popular ${pct(atOrder.all, 'popular')}, most recently viewed ${pct(atOrder.all, 'recent')}: the visit's own views hand the recently-viewed list the answer`,
      ),
      hitFigure(
        `hit@${RECOMMEND_CONFIG.limit}, the same shop with ${launchedCount} products launched during the ${SHOP_DEFAULTS.days} days (新品)`,
        launched.all,
        `${LAUNCHED_SHARE * 100}% of the active made-to-order generated products, each sold from a uniform launch time, created then (新品 for ${RECOMMEND_CONFIG.newForDays} days); ${launched.evaluated} customers; most popular ${pct(launched.all, 'popular')}, most recently viewed ${pct(launched.all, 'recent')}`,
      ),
      {
        label: `time per recommendation (recommend(), ${shop.products.length} products)`,
        value: result.msPerRecommendation,
        baseline: result.msPerRecentList,
        unit: 'ms',
        baselineLabel: 'most recently viewed list',
        note: 'pure function on the preference document; no history is read',
      },
    ]
    return {
      setup: `A shop generated from seed ${SHOP_DEFAULTS.seed}: the ${shop.products.length - generated.length} demo products and ${generated.length} generated ones in ${CATEGORIES.length} categories (${consumables} consumables with 30–180-day cycles; ${inactive} withdrawn halfway, inactive), ${customers} customers each with a main and a second category (60% and 25% of browsing visits), a preferred choice per option group (taken 80% of the time), for ${withConsumable} of them a consumable used up at their own pace (0.7–1.3× its default cycle, 10% of cycles skipped), over ${SHOP_DEFAULTS.days} days: 3–14 browsing visits viewing 1–3 products (30% end in an order, 8% reorder a made-to-order product), plus the refill orders. ${result.evaluated} customers had an order to hide (${result.neverOrdered} never ordered). Each customer's last order's visit and everything after it are hidden; the visible events are rolled up by src/domain/behaviour.ts's signals and consumables recorded at delivery by refill.ts's recordPurchase; co-purchase rows come from every customer's orders before that moment, counted by src/domain/co-purchase.ts as order.create counts them (every customer with 个性化推荐 on); recommend() runs as the home page calls it when that visit opens. Baselines: the 4 active products ordered most in the visible histories; the customer's newest views not yet ordered, topped up with the popular ones.`,
      figures,
    }
  },
}
