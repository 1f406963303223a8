// The order, product and refill pages live in the shop subpackage now, but links already out there
// name their old main-package addresses: subscribe messages, customer-service cards and wake-ups,
// which the cloud builds from src/domain (WeChat refuses to send a message whose page is not in
// app.json). The old address stays as an empty page that opens the new one in its place.
import Taro, { useLoad } from '@tarojs/taro'

/** On load: redirectTo `url` with this page's query as it came (ids need no re-encoding). */
export function useMovedPage(url: string): void {
  useLoad((params: Record<string, string | undefined>) => {
    const query = Object.entries(params)
      .filter(([key, value]) => value !== undefined && !key.startsWith('$taro'))
      .map(([key, value]) => `${key}=${value}`)
      .join('&')
    void Taro.redirectTo({ url: query ? `${url}?${query}` : url })
  })
}
