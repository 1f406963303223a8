// STAND-IN for WeChat's `wx` object: the one part of the weapp layer that is not real. WeChat's
// client APIs (storage, navigation, system info, privacy, subscribe and payment sheets, modals,
// media) are a
// boundary no test here can reach, so this object answers them the way the base library does,
// with scriptable answers. `wx.cloud.callFunction` is real past the boundary: it rejects until
// `wx.cloud.init` ran, then invokes the real cloud function through the local cloud as the chosen
// OPENID. Any API this object does not implement throws when called, naming the API.
import { LOCAL_CLOUD_ENV } from '@/domain/photos'

/** The page stack the navigation APIs drive (harness/mini-program.ts). */
export interface PageRouter {
  navigateTo(url: string): Promise<void>
  redirectTo(url: string): Promise<void>
  switchTab(url: string): Promise<void>
  reLaunch(url: string): Promise<void>
  navigateBack(delta: number): Promise<void>
}

export type CloudInvoke = (name: string, data: unknown, openid: string) => Promise<unknown>
export type PayOutcome = 'paid' | 'cancelled' | 'failed'
/** Tells the local cloud's payment stand-in what the person did on the sheet (LocalCloud.pay). */
export type SettlePayment = (outTradeNo: string, outcome: PayOutcome) => Promise<unknown>
/** What wx.requestPayment takes, as cloudPay.unifiedOrder made it. */
export interface PaymentParams {
  timeStamp: string
  nonceStr: string
  package: string
  signType: string
  paySign: string
}
export type SubscribeAnswer = Record<string, 'accept' | 'reject' | 'ban' | 'filter'>
export type WxFailure = { errCode?: number; errMsg: string }

type Options = Record<string, unknown> & {
  success?: (res: unknown) => void
  fail?: (err: unknown) => void
  complete?: (res: unknown) => void
}

/** WeChat's errMsg when the person closes the payment sheet without paying. */
export const PAY_CANCELLED = 'requestPayment:fail cancel'
/** The errMsg this stand-in gives a payment that fails on the sheet (WeChat adds a detail). */
export const PAY_FAILED = 'requestPayment:fail 支付失败'

/** The errMsg WeChat gives requestSubscribeMessage outside a tap's call chain. */
export const NOT_IN_TAP = 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.'
/** APIs WeChat holds back until the user agreed to the privacy guide (the ones this app uses). */
const PRIVACY_APIS = new Set(['chooseMedia', 'chooseImage', 'setClipboardData', 'chooseLocation'])
// Keys that tooling and bundles probe on any object; they must read as absent, not throw.
const PASSIVE_KEYS = new Set(['webpackJsonp', 'then', 'toJSON', 'asymmetricMatch', 'nodeType'])

export class WxStandIn {
  openid: string
  readonly storage = new Map<string, string>()
  /** Every API called, in order (navigation and cloud calls included). */
  readonly calls: string[] = []
  readonly toasts: string[] = []
  readonly modals: { title?: string; content?: string }[] = []
  /** The next showModal answers (default: 确定). */
  readonly modalAnswers: boolean[] = []
  /** Sheets shown (inside a user gesture), and requests WeChat refused outside one. */
  readonly subscribeRequests: string[][] = []
  readonly subscribeOutsideTap: string[][] = []
  /**
   * Scripts the next subscribe sheet: an answer per template, a failure (e.g. errCode 20004), or
   * 'open': the sheet stays up (the person leaves or the app is interrupted before answering).
   */
  subscribeAnswer: (tmplIds: string[]) => SubscribeAnswer | WxFailure | 'open' = (ids) =>
    Object.fromEntries(ids.map((id) => [id, 'accept'] as const))
  subscriptionsSetting: { mainSwitch: boolean; itemSettings?: SubscribeAnswer } = {
    mainSwitch: true,
  }
  /** Payment sheets shown, with what the app passed. */
  readonly payments: PaymentParams[] = []
  /** Scripts what the person does on the next payment sheets (default: pays). */
  paymentAnswer: (params: PaymentParams) => PayOutcome = () => 'paid'
  /**
   * The trade each prepay package belongs to, learnt from order.pay's answers as they pass
   * through wx.cloud.callFunction (WeChat's servers know it from unifiedOrder).
   */
  private readonly tradeOfPackage = new Map<string, string>()
  /** Whether the user still has to agree to the privacy guide. */
  privacyNeeded = false
  clipboard = ''
  /** Numbers wx.makePhoneCall was asked to call. */
  readonly phoneCalls: string[] = []
  /** What the person picks on the next wx.chooseLocation map; null: they close it. */
  locationAnswer: { name: string; address: string; latitude: number; longitude: number } | null =
    null
  /** Places wx.openLocation was asked to show. */
  readonly openedLocations: Record<string, unknown>[] = []
  private readonly networkListeners = new Set<
    (res: { isConnected: boolean; networkType: string }) => void
  >()
  /** How often the value privacy resolve() returned was called (it never should be). */
  privacyResolveResultCalls = 0
  /** Set while a tap is being dispatched: WeChat's user-gesture check. */
  inTap = false
  cloudInitialised = false
  /** Makes the next cloud calls fail as the network would (request:fail). */
  failNextCalls = 0
  /** The next this many cloud.uploadFile calls fail as a lost network would. */
  failNextUploads = 0
  private privacyListener?: (
    resolve: (r: { event: string; buttonId?: string }) => unknown,
    e: object,
  ) => void
  private readonly api: Record<string, unknown>

  constructor(
    openid: string,
    private readonly router: PageRouter,
    private readonly invoke: CloudInvoke,
    private readonly settlePayment?: SettlePayment,
  ) {
    this.openid = openid
    this.api = this.build()
  }

  /** The object installed as the global `wx`. */
  readonly wx = new Proxy({} as Record<string | symbol, unknown>, {
    get: (extra, key) => {
      if (typeof key === 'symbol' || key in extra) return extra[key]
      if (key in this.api) return this.api[key]
      if (PASSIVE_KEYS.has(key) || key.startsWith('__')) return undefined
      return () => {
        throw new Error(`wx.${key} 未在 wx 替身中实现（test/weapp/harness/wx-stand-in.ts）`)
      }
    },
    // The bundles keep their chunk list on wx (wx.webpackJsonp).
    set: (extra, key, value) => {
      extra[key] = value
      return true
    },
    has: (extra, key) => key in extra || key in this.api,
    // Taro wraps the APIs it finds among wx's own keys (Object.keys(wx)).
    ownKeys: (extra) => [...new Set([...Reflect.ownKeys(extra), ...Object.keys(this.api)])],
    getOwnPropertyDescriptor: (extra, key) =>
      key in extra
        ? Reflect.getOwnPropertyDescriptor(extra, key)
        : key in this.api
          ? { value: this.api[key as string], enumerable: true, configurable: true, writable: true }
          : undefined,
  })

  /** The agree button of the privacy popup was tapped (open-type="agreePrivacyAuthorization"). */
  agreePrivacy(): void {
    this.privacyNeeded = false
  }

  private build(): Record<string, unknown> {
    const record = (name: string) => this.calls.push(name)
    const sync =
      <A extends unknown[], R>(name: string, fn: (...args: A) => R) =>
      (...args: A): R => {
        record(name)
        return fn(...args)
      }
    // Callback-style API that also returns a promise when no callback is given, as wx does.
    const async =
      (name: string, fn: (options: Options) => unknown) =>
      (options: Options = {}): Promise<unknown> | undefined => {
        record(name)
        const run = async () => {
          if (PRIVACY_APIS.has(name) && this.privacyNeeded) await this.askPrivacy(name)
          return fn(options)
        }
        const settled = run().then(
          (res) => {
            const reply = { errMsg: `${name}:ok`, ...(res as object) }
            options.success?.(reply)
            options.complete?.(reply)
            return reply
          },
          (error: unknown) => {
            const failure =
              error instanceof Error ? { errMsg: `${name}:fail ${error.message}` } : error
            options.fail?.(failure)
            options.complete?.(failure)
            throw failure
          },
        )
        if (options.success || options.fail || options.complete) {
          settled.catch(() => undefined)
          return undefined
        }
        return settled
      }
    const systemInfo = () => ({
      platform: 'devtools',
      system: 'iOS 17.0',
      SDKVersion: '3.7.12',
      version: '8.0.50',
      language: 'zh_CN',
      pixelRatio: 2,
      screenWidth: 375,
      screenHeight: 812,
      windowWidth: 375,
      windowHeight: 812,
      statusBarHeight: 44,
      safeArea: { top: 44, left: 0, right: 375, bottom: 778, width: 375, height: 734 },
    })
    const navigation = (name: keyof PageRouter) =>
      async(name, (options) =>
        name === 'navigateBack'
          ? this.router.navigateBack(Number(options.delta ?? 1))
          : this.router[name](String(options.url)),
      )
    return {
      env: { USER_DATA_PATH: 'wxfile://usr' },
      canIUse: () => true,
      getSystemInfoSync: sync('getSystemInfoSync', systemInfo),
      getWindowInfo: sync('getWindowInfo', systemInfo),
      getAppBaseInfo: sync('getAppBaseInfo', systemInfo),
      getDeviceInfo: sync('getDeviceInfo', systemInfo),
      getSystemInfo: async('getSystemInfo', systemInfo),
      getLaunchOptionsSync: () => ({ path: 'pages/index/index', query: {}, scene: 1001 }),
      nextTick: (fn: () => void) => void Promise.resolve().then(fn),
      getStorageSync: sync('getStorageSync', (key: string) => {
        const raw = this.storage.get(key)
        return raw === undefined ? '' : JSON.parse(raw)
      }),
      setStorageSync: sync('setStorageSync', (key: string, value: unknown) => {
        this.storage.set(key, JSON.stringify(value))
      }),
      removeStorageSync: sync('removeStorageSync', (key: string) => {
        this.storage.delete(key)
      }),
      navigateTo: navigation('navigateTo'),
      redirectTo: navigation('redirectTo'),
      switchTab: navigation('switchTab'),
      reLaunch: navigation('reLaunch'),
      navigateBack: navigation('navigateBack'),
      showToast: async('showToast', (o) => void this.toasts.push(String(o.title))),
      hideToast: async('hideToast', () => undefined),
      showLoading: async('showLoading', () => undefined),
      hideLoading: async('hideLoading', () => undefined),
      showModal: async('showModal', async (o) => {
        this.modals.push({ title: o.title as string, content: o.content as string })
        const confirm = this.modalAnswers.shift() ?? true
        await new Promise((resolve) => setTimeout(resolve, 0)) // the person reads, then taps
        // Assumed from WeChat's rule ("after a user tap"): the modal's own button is a tap, so
        // what its answer runs in the same task (success callback, promise continuations) may
        // open the subscribe sheet. A later task may not.
        this.inTap = true
        setTimeout(() => (this.inTap = false), 0)
        return { confirm, cancel: !confirm }
      }),
      showActionSheet: async('showActionSheet', () => ({ tapIndex: 0 })),
      stopPullDownRefresh: async('stopPullDownRefresh', () => undefined),
      pageScrollTo: async('pageScrollTo', () => undefined),
      setNavigationBarTitle: async('setNavigationBarTitle', () => undefined),
      setClipboardData: async('setClipboardData', (o) => {
        this.clipboard = String(o.data)
      }),
      previewImage: async('previewImage', () => undefined),
      // WeChat's map picker: { name, address, latitude, longitude } (gcj02), or fail cancel.
      chooseLocation: async('chooseLocation', () => {
        if (!this.locationAnswer) throw new Error('cancel')
        return { ...this.locationAnswer }
      }),
      openLocation: async('openLocation', (o) => {
        const { success: _s, fail: _f, complete: _c, ...place } = o
        void this.openedLocations.push(place)
      }),
      makePhoneCall: async(
        'makePhoneCall',
        (o) => void this.phoneCalls.push(String(o.phoneNumber)),
      ),
      onNetworkStatusChange: sync('onNetworkStatusChange', (listener) => {
        this.networkListeners.add(
          listener as (res: { isConnected: boolean; networkType: string }) => void,
        )
      }),
      offNetworkStatusChange: sync('offNetworkStatusChange', (listener) => {
        this.networkListeners.delete(
          listener as (res: { isConnected: boolean; networkType: string }) => void,
        )
      }),
      openSetting: async('openSetting', () => ({ authSetting: {} })),
      openPrivacyContract: async('openPrivacyContract', () => undefined),
      getPrivacySetting: async('getPrivacySetting', () => ({
        needAuthorization: this.privacyNeeded,
        privacyContractName: '《柔性定制隐私保护指引》',
      })),
      onNeedPrivacyAuthorization: sync('onNeedPrivacyAuthorization', (listener) => {
        this.privacyListener = listener as typeof this.privacyListener
      }),
      requestSubscribeMessage: async('requestSubscribeMessage', (o) => {
        const ids = o.tmplIds as string[]
        if (!this.inTap) {
          this.subscribeOutsideTap.push(ids)
          throw { errMsg: NOT_IN_TAP }
        }
        this.subscribeRequests.push(ids)
        const answer = this.subscribeAnswer(ids)
        if (answer === 'open') return new Promise(() => undefined)
        if (typeof answer.errMsg === 'string') throw answer
        return answer
      }),
      requestPayment: async('requestPayment', (o) => this.pay(o)),
      getSetting: async('getSetting', (o) => ({
        authSetting: {},
        ...(o.withSubscriptions ? { subscriptionsSetting: this.subscriptionsSetting } : {}),
      })),
      chooseMedia: async('chooseMedia', () => ({
        type: 'image',
        tempFiles: [{ tempFilePath: 'http://tmp/photo-1.jpg', size: 2048, fileType: 'image' }],
      })),
      cloud: {
        init: sync('cloud.init', () => {
          this.cloudInitialised = true
        }),
        callFunction: async('cloud.callFunction', (o) => this.callFunction(o)),
        // A file id of the environment the functions run in (the local cloud's), as WeChat
        // gives one of the app's own environment; the functions take no other.
        uploadFile: async('cloud.uploadFile', (o) => {
          if (this.failNextUploads > 0) {
            this.failNextUploads -= 1
            throw new Error('request:fail timeout')
          }
          return {
            fileID: `cloud://${LOCAL_CLOUD_ENV}.6c6f-${LOCAL_CLOUD_ENV}-1250/${String(o.cloudPath)}`,
            statusCode: 200,
          }
        }),
      },
    }
  }

  /** The phone's network comes back (or goes): what onNetworkStatusChange listeners hear. */
  setNetwork(isConnected: boolean): void {
    for (const listener of this.networkListeners)
      listener({ isConnected, networkType: isConnected ? 'wifi' : 'none' })
  }

  private readonly inFlight = new Set<Promise<unknown>>()

  /** Resolves once no cloud call is in flight. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight])
  }

  private callFunction(options: Options): Promise<unknown> {
    const call = this.invokeFunction(options)
    this.inFlight.add(call)
    void call.catch(() => undefined).finally(() => this.inFlight.delete(call))
    return call
  }

  private async invokeFunction(options: Options): Promise<unknown> {
    if (!this.cloudInitialised) {
      throw { errCode: -1, errMsg: 'cloud.callFunction:fail 请先调用 wx.cloud.init() 完成初始化' }
    }
    if (this.failNextCalls > 0) {
      this.failNextCalls -= 1
      throw { errCode: -1, errMsg: 'cloud.callFunction:fail request:fail timeout' }
    }
    const data = JSON.parse(JSON.stringify(options.data ?? {}))
    const result = await this.invoke(String(options.name), data, this.openid)
    this.notePaymentStarted(result)
    return { result, requestID: `req-${this.calls.length}` }
  }

  private notePaymentStarted(result: unknown): void {
    const data = (result as { ok?: boolean; data?: Record<string, unknown> })?.data
    const pkg = (data?.payment as Partial<PaymentParams> | undefined)?.package
    if (typeof pkg === 'string' && typeof data?.outTradeNo === 'string')
      this.tradeOfPackage.set(pkg, data.outTradeNo)
  }

  // WeChat's sheet: success resolves { errMsg: 'requestPayment:ok' }; closing it without paying
  // fails with PAY_CANCELLED. What the person did reaches the payment stand-in before the app
  // hears back, as WeChat's servers know the outcome before the sheet closes.
  private async pay(options: Options): Promise<object> {
    const keys = ['timeStamp', 'nonceStr', 'package', 'signType', 'paySign'] as const
    const missing = keys.filter((key) => typeof options[key] !== 'string' || options[key] === '')
    if (missing.length > 0) throw { errMsg: `requestPayment:fail parameter error: ${missing[0]}` }
    const params = Object.fromEntries(
      keys.map((key) => [key, options[key]]),
    ) as unknown as PaymentParams
    this.payments.push(params)
    const outcome = this.paymentAnswer(params)
    const outTradeNo = this.tradeOfPackage.get(params.package)
    if (outTradeNo && this.settlePayment) await this.settlePayment(outTradeNo, outcome)
    if (outcome === 'cancelled') throw { errMsg: PAY_CANCELLED }
    if (outcome === 'failed') throw { errMsg: PAY_FAILED }
    return {}
  }

  // WeChat calls onNeedPrivacyAuthorization and holds the API until the popup resolves.
  // WeChat documents no return value for resolve(); this one returns a function, so a caller
  // that lets it escape (e.g. as a React effect's cleanup) is caught calling it.
  private askPrivacy(api: string): Promise<void> {
    const listener = this.privacyListener
    if (!listener) throw new Error(`${api} 需要隐私授权，但没有注册 onNeedPrivacyAuthorization`)
    const leaked = () => {
      this.privacyResolveResultCalls += 1
    }
    return new Promise((resolve, reject) =>
      listener(
        (answer) => {
          if (answer.event === 'exposureAuthorization') return leaked
          if (answer.event === 'agree' && !this.privacyNeeded) resolve()
          else reject({ errMsg: `${api}:fail privacy permission is not authorized`, errCode: 104 })
          return leaked
        },
        { referrer: api },
      ),
    )
  }
}
