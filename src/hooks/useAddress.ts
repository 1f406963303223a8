// The confirm page's address: prefilled with the last one this person used (device storage, per
// demo identity in H5), checked field by field with the same rules the cloud applies
// (ADDRESS_FIELDS).
import { useCallback, useEffect, useMemo, useState } from 'react'
import { ADDRESS_FIELDS, type Address } from '@/domain/address'
import { readPersonal, removePersonal, writePersonal } from '@/services/personal-storage'

export const LAST_ADDRESS_KEY = 'order.lastAddress'
export type AddressField = keyof Address
export const EMPTY_ADDRESS: Address = { name: '', phone: '', region: '', detail: '' }

async function loadLastAddress(): Promise<Address> {
  try {
    const saved: unknown = await readPersonal(LAST_ADDRESS_KEY)
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
  writePersonal(LAST_ADDRESS_KEY, address).catch((error: unknown) =>
    console.error('[address] 保存地址失败', error),
  )
}

export function forgetAddress(): void {
  removePersonal(LAST_ADDRESS_KEY).catch((error: unknown) =>
    console.error('[address] 清除本机地址失败', error),
  )
}

export function useAddress() {
  const [value, setValue] = useState<Address>(EMPTY_ADDRESS)
  // The form shows once this is true: H5's inputs throw when their value changes before their
  // first render, which a prefill arriving just after the page opened did.
  const [loaded, setLoaded] = useState(false)
  // Prefills once it is read, unless the customer has started typing meanwhile.
  useEffect(() => {
    let live = true
    void loadLastAddress().then((last) => {
      if (!live) return
      setValue((prev) => (prev === EMPTY_ADDRESS ? last : prev))
      setLoaded(true)
    })
    return () => {
      live = false
    }
  }, [])
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

  return {
    value,
    loaded,
    errors: errors as Partial<Record<AddressField, string>>,
    change,
    touch,
    validate,
  }
}
