// Province and city of an order's typed region (the demand signals sum them). Apart from
// address.ts so the main package, which loads address.ts for the confirm page, does not carry it.
const MUNICIPALITIES = ['北京市', '上海市', '天津市', '重庆市']
const PROVINCE = /^(.+?(?:省|自治区|特别行政区)|北京市|上海市|天津市|重庆市)/
const CITY = /^(.+?(?:市|自治州|地区|盟))/

/**
 * Province and city of a typed region ("浙江省 杭州市 西湖区", "上海市 徐汇区", "浙江省杭州市"):
 * a municipality is its own city; what cannot be read stays as typed in `province`.
 */
export function regionOf(region: string): { province: string; city: string } {
  const text = region.trim()
  const parts = text.split(/\s+/).filter(Boolean)
  const province = parts.length > 1 ? parts[0] : (PROVINCE.exec(text)?.[1] ?? text)
  if (MUNICIPALITIES.includes(province)) return { province, city: province }
  const rest = parts.length > 1 ? parts[1] : text.slice(province.length)
  return { province, city: CITY.exec(rest)?.[1] ?? rest }
}
