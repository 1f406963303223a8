/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

/** Cloud environment id for Taro.cloud.init; '' means the account's default environment. */
declare const CLOUD_ENV: string
/** H5 only: base URL of the local cloud's HTTP surface, '/cloud' (same origin) by default. */
declare const LOCAL_CLOUD_BASE: string

declare namespace NodeJS {
  interface ProcessEnv {
    /** The platform being built; replaced at compile time, so the other branches are dropped. */
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn'
  }
}
