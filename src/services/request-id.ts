// Idempotency keys for actions a retry must not apply twice (order.create, order.reorder).
export function newRequestId(): string {
  const random = Math.random().toString(36).slice(2, 12).padEnd(10, '0')
  return `req_${Date.now().toString(36)}_${random}`
}
