// The confirm page's address: prefilled with the last one used (Taro storage, this device only),
// checked field by field with the same rules the cloud applies (ADDRESS_FIELDS).
import { useCallback, useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import { ADDRESS_FIELDS, type Address } from '@/domain/address'

export const LAST_ADDRESS_KEY = 'order.lastAddress'
export type AddressField = keyof Address
export const EMPTY_ADDRESS: Address = { name: '', phone: '', region: '', detail: '' }

function loadLastAddress(): Address {
  try {
    const saved: unknown = Taro.getStorageSync(LAST_ADDRESS_KEY)
    if (saved && typeof saved === 'object') {
      const s = saved as Partial<Record<AddressField, unknown>>
      const text = (v: unknown) => (typeof v === 'string' ? v : '')
      return {
        name: text(s.name),
        phone: text(s.phone),
        region: text(s.region),
        detail: text(s.detail),
      }
    }
  } catch (error) {
    console.error('[address] 读取上次地址失败', error)
  }
  return EMPTY_ADDRESS
}

export function rememberAddress(address: Address): void {
  try {
    Taro.setStorageSync(LAST_ADDRESS_KEY, address)
  } catch (error) {
    console.error('[address] 保存地址失败', error)
  }
}

export function useAddress() {
  const [value, setValue] = useState<Address>(loadLastAddress)
  const [touched, setTouched] = useState<Partial<Record<AddressField, boolean>>>({})
  const [showAll, setShowAll] = useState(false)

  const allErrors = useMemo(() => {
    const errors: Partial<Record<AddressField, string>> = {}
    for (const field of Object.keys(ADDRESS_FIELDS) as AddressField[]) {
      const checked = ADDRESS_FIELDS[field](value[field], field)
      if (!checked.ok) errors[field] = checked.message
    }
    return errors
  }, [value])

  const errors = showAll
    ? allErrors
    : Object.fromEntries(
        Object.entries(allErrors).filter(([field]) => touched[field as AddressField]),
      )

  const change = useCallback((field: AddressField, text: string) => {
    setValue((prev) => ({ ...prev, [field]: text }))
  }, [])
  const touch = useCallback((field: AddressField) => {
    setTouched((prev) => ({ ...prev, [field]: true }))
  }, [])

  /** The checked address (trimmed), or null after revealing every field's problem. */
  const validate = useCallback((): Address | null => {
    setShowAll(true)
    if (Object.keys(allErrors).length > 0) return null
    return {
      name: value.name.trim(),
      phone: value.phone.trim(),
      region: value.region.trim(),
      detail: value.detail.trim(),
    }
  }, [allErrors, value])

  return { value, errors: errors as Partial<Record<AddressField, string>>, change, touch, validate }
}
