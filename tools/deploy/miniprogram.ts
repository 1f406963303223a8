// `npm run upload -- --version <x.y.z> --desc "…"` and `npm run preview`: build the weapp, then
// hand dist/weapp (through project.config.json) to miniprogram-ci. The appid and the upload
// key's path come from the environment; the key's contents are never printed.
import { existsSync, readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { errorText, miniprogramCredentials, redactingPrinter, secretValues } from './secrets'

/** The part of miniprogram-ci used here, typed by its own .d.ts (dist/@types/ci). */
export type CiApi = Pick<typeof import('miniprogram-ci'), 'Project' | 'upload' | 'preview'>

export interface MiniprogramDeps {
  env: Record<string, string | undefined>
  out: (line: string) => void
  err: (line: string) => void
  root: string
  /** Runs `npm run build:weapp`, with CLOUD_ENV set when given. */
  build: (cloudEnv: string | undefined) => Promise<void>
  loadCi: () => CiApi
  /** package.json's version, for previews (miniprogram-ci wants one). */
  packageVersion: string
}

const VERSION = /^\d+\.\d+\.\d+$/
const USAGE = {
  upload: '用法：npm run upload -- --version <x.y.z> --desc "说明" [--env <环境ID>]',
  preview: '用法：npm run preview [-- --env <环境ID>]',
}

function parse(command: 'upload' | 'preview', argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: { version: { type: 'string' }, desc: { type: 'string' }, env: { type: 'string' } },
    strict: true,
  })
  if (command === 'upload') {
    if (!values.version || !VERSION.test(values.version))
      throw new Error(`版本号需要形如 1.2.3（收到：${values.version ?? '无'}）。${USAGE.upload}`)
    if (!values.desc?.trim()) throw new Error(`需要 --desc 说明本次上传。${USAGE.upload}`)
  }
  return { version: values.version ?? '', desc: values.desc?.trim(), cloudEnv: values.env }
}

function keyLines(path: string): string[] {
  // Every line of the key, so a vendor error that quotes part of it is still masked.
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => !line.startsWith('-----'))
}

export async function runMiniprogram(
  command: 'upload' | 'preview',
  argv: string[],
  deps: MiniprogramDeps,
): Promise<number> {
  let secrets = secretValues(deps.env)
  const print = (line: string) => redactingPrinter(deps.out, secrets)(line)
  const fail = (line: string) => redactingPrinter(deps.err, secrets)(line)
  try {
    const args = parse(command, argv)
    const { appid, privateKeyPath } = miniprogramCredentials(deps.env)
    if (!existsSync(privateKeyPath))
      throw new Error('MINIPROGRAM_PRIVATE_KEY_PATH 指向的上传密钥文件不存在')
    secrets = secretValues(deps.env, keyLines(privateKeyPath))
    if (!args.cloudEnv && !deps.env.CLOUD_ENV)
      print('提示：未指定 --env 或 CLOUD_ENV，小程序将使用默认云环境')
    print('构建小程序（npm run build:weapp）…')
    await deps.build(args.cloudEnv)
    const ci = deps.loadCi()
    const project = new ci.Project({
      appid,
      type: 'miniProgram',
      projectPath: deps.root,
      privateKeyPath,
      ignores: ['node_modules/**/*'],
    })
    // project.config.json holds the upload settings (minified, es6 off: the build lowers syntax).
    const common = { project, setting: { useProjectConfig: true }, robot: 1 }
    if (command === 'upload') {
      await ci.upload({ ...common, version: args.version, desc: args.desc })
      print(`已上传版本 ${args.version}：到微信公众平台“版本管理”设为体验版或提交审核。`)
    } else {
      print('预览二维码（用微信扫码）：')
      await ci.preview({
        ...common,
        version: deps.packageVersion,
        desc: args.desc ?? '预览',
        qrcodeFormat: 'terminal',
      })
    }
    return 0
  } catch (error) {
    fail(`${command === 'upload' ? '上传' : '预览'}失败：${errorText(error, secrets)}`)
    return 1
  }
}
