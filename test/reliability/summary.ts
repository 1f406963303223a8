// Prints the reliability suite's one summary line from the figures each suite recorded
// (test/reliability/harness.ts recordFigures). Run by `npm run test:reliability` after jest.
import { readFigures } from './harness'

const f = readFigures()
const get = (suite: string, key: string) => f[suite]?.[key] ?? 0
const violations =
  get('fuzz', 'violations') +
  get('races', 'violations') +
  get('faults', 'violations') +
  get('payment-faults', 'violations') +
  get('deposit-faults', 'violations')
const attackSuites = Object.keys(f).filter((suite) => suite.endsWith('attacks'))
const attacks = (key: string) => attackSuites.reduce((sum, suite) => sum + get(suite, key), 0)
const line =
  `reliability: ${get('authz', 'checked')}/${get('authz', 'cells')} action×role cells checked, ` +
  `${get('fuzz', 'cases')} fuzz cases, ${get('races', 'runs')} race runs ` +
  `(${get('races', 'concurrentCalls')} concurrent calls), ${get('faults', 'operations')} operations ` +
  `under ${get('faults', 'dbFailed') + get('faults', 'dbTimedOut')} injected database faults ` +
  `and ${get('faults', 'sendFailures')} message API failures (${get('faults', 'messages')} messages: ` +
  `${get('faults', 'sent')} sent once, ${get('faults', 'dead')} dead-lettered, ` +
  `${get('faults', 'held')} held with a reason), ` +
  `${get('payment-faults', 'orders')} orders through random payment outcomes ` +
  `(${get('payment-faults', 'paidOrders')} paid once, ${get('payment-faults', 'refunded')} refunded once, ` +
  `${get('payment-faults', 'expired')} closed unpaid, ${get('payment-faults', 'partialRefunds')} ` +
  `partial refunds, ${get('payment-faults', 'days')} reconciled days), ` +
  `${get('deposit-faults', 'orders')} preorders (${get('deposit-faults', 'balancesPaid')} 尾款 paid, ` +
  `${get('deposit-faults', 'cancelledRefunded')} cancelled and refunded), ${violations} violations; ` +
  `${attacks('tried')} attacks tried, ${attacks('succeeded')} succeeded`
process.stdout.write(`\n${line}\n`)
