// `npm start`: builds the cloud functions, starts the local cloud on its embedded PostgreSQL
// (or DATABASE_URL), seeds the demo brand, and serves the H5 app with live reload.
//   npm start -- --reset   wipe the local data first
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { buildCloudFunctions, FUNCTIONS_ROOT, PROJECT_ROOT } from './build-cloudfunctions'
import { localOrigins, startLocalCloud, startPostgres } from './local-cloud'
import { DEMO_USERS, seedDemo } from './seed/demo'
import { assertPortFree, waitForHttp } from './net'

const LOCAL_CLOUD_PORT = Number(process.env.LOCAL_CLOUD_PORT ?? 9300)
const H5_PORT = Number(process.env.H5_PORT ?? 10086)
const DATA_DIR = join(PROJECT_ROOT, '.local-cloud', 'pgdata')

/** What to stop on exit, newest first. */
const running: (() => Promise<void> | void)[] = []
let stopping: Promise<void> | undefined
function stopAll(): Promise<void> {
  stopping ??= (async () => {
    for (const stop of running.reverse()) await Promise.resolve(stop()).catch(() => undefined)
  })()
  return stopping
}

async function main(): Promise<void> {
  const started = performance.now()
  await assertPortFree(LOCAL_CLOUD_PORT, 'LOCAL_CLOUD_PORT')
  await assertPortFree(H5_PORT, 'H5_PORT')

  step('构建云函数')
  await buildCloudFunctions()

  const databaseUrl = process.env.DATABASE_URL
  step(
    databaseUrl
      ? '连接 DATABASE_URL 指定的 PostgreSQL'
      : '启动内置 PostgreSQL（.local-cloud/pgdata）',
  )
  const postgres = databaseUrl ? null : await startPostgres({ dataDir: DATA_DIR })
  if (postgres) running.push(() => postgres.stop())
  const cloud = await startLocalCloud({
    functionsRoot: FUNCTIONS_ROOT,
    databaseUrl: databaseUrl ?? postgres?.url,
    port: LOCAL_CLOUD_PORT,
    users: DEMO_USERS,
    allowedOrigins: localOrigins(H5_PORT),
  })
  running.push(() => cloud.stop())

  if (process.argv.includes('--reset')) {
    step('清空本地数据')
    await cloud.store.reset()
  }
  const { seeded } = await seedDemo(cloud.store)
  step(seeded ? '已写入演示数据（青木定制）' : '沿用已有数据（npm start -- --reset 可重置）')

  step('编译 H5（首次约需半分钟）')
  // (A plain `require.resolve` is mistyped by the webpack typings Taro pulls in.)
  const taro = createRequire(__filename).resolve('@tarojs/cli/bin/taro')
  const h5 = spawn(process.execPath, [taro, 'build', '--type', 'h5', '--watch'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, LOCAL_CLOUD_PORT: String(LOCAL_CLOUD_PORT), H5_PORT: String(H5_PORT) },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  running.push(() => void h5.kill('SIGTERM'))
  h5.on('exit', (code) => {
    if (code) console.error(`\nH5 编译进程退出（${code}），本地云仍在运行：${cloud.url}`)
  })

  const appUrl = `http://127.0.0.1:${H5_PORT}/`
  await waitForHttp(appUrl, 5 * 60_000)
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  console.log(
    [
      '',
      '──────────────────────────────────────────────',
      `  柔性定制已启动（${seconds} 秒）`,
      `  小程序 H5：  ${appUrl}`,
      `  本地云：     ${cloud.url}`,
      // The secret is new each run; the link carries it so the inbox opens in a browser.
      `  订阅消息：   ${cloud.url}/cloud/inbox?secret=${cloud.secret}`,
      `  本次密钥：   ${cloud.secret}   （curl 其他接口时加 -H 'X-Local-Cloud-Secret: …'）`,
      '  页面顶部可切换身份：顾客 A / 顾客 B / 商家',
      '  Ctrl+C 停止',
      '──────────────────────────────────────────────',
      '',
    ].join('\n'),
  )
}

function step(text: string): void {
  console.log(`• ${text}`)
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void stopAll().then(() => process.exit(0)))
}

main().catch(async (error: Error) => {
  console.error(`\n启动失败：${error.message}`)
  await stopAll()
  process.exit(1)
})
