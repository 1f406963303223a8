// The delivery address an order carries. Validated the same on the confirm page and in the cloud;
// merchant lists show the phone masked (maskPhone).
import { object, string, type Checked, type Infer, type TextCheck } from './validate'

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/

const mobilePhone: TextCheck = Object.assign(
  (value: unknown, path: string): Checked<string> =>
    typeof value === 'string' && MAINLAND_MOBILE.test(value.trim())
      ? { ok: true, value: value.trim() }
      : { ok: false, path, message: '请填写 11 位手机号码' },
  { maxLength: 11 },
)

/** One check per field, so a form can show every field's problem at once. */
export const ADDRESS_FIELDS = {
  name: string({ label: '收货人', max: 20, oneLine: true }),
  phone: mobilePhone,
  region: string({ label: '所在地区', max: 40, oneLine: true }),
  detail: string({ label: '详细地址', max: 100, oneLine: true }),
}

export const addressCheck = object(ADDRESS_FIELDS)

export type Address = Infer<typeof addressCheck>

/** 13812345678 -> 138****5678 */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****'
}

/** 上海市 徐汇区 漕溪北路 100 号: what a courier needs, in the order it is written on a parcel. */
export function fullAddress(address: Pick<Address, 'region' | 'detail'>): string {
  return [address.region, address.detail]
    .map((part) => part.trim())
    .filter(Boolean)
    .join(' ')
}

/**
 * The whole shipping label, name and phone first, as the merchant pastes it into a courier app;
 * then the delivery time the customer chose, as the courier's note.
 */
export function shippingLabel(address: Address, deliveryTime?: string): string {
  const label = `${address.name} ${address.phone} ${fullAddress(address)}`
  return deliveryTime ? `${label} 送货时间：${deliveryTime}` : label
}
