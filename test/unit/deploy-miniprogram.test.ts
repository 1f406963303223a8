// `npm run upload` / `npm run preview` with a recording stand-in for miniprogram-ci (its real
// upload needs WeChat's servers): arguments checked before any build, what is handed to
// ci.upload / ci.preview, and the upload key never printed.
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runMiniprogram, type CiApi, type MiniprogramDeps } from '../../tools/deploy/miniprogram'

// A throwaway key made at run time: the repository's secret scan refuses any key in a file.
const KEY_PEM = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
  type: 'pkcs1',
  format: 'pem',
}) as string
const KEY_BODY = KEY_PEM.split('\n')[1]

const dirs: string[] = []
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

function harness(env: Record<string, string | undefined> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-key-'))
  dirs.push(dir)
  const keyPath = join(dir, 'private.key')
  writeFileSync(keyPath, KEY_PEM)
  const calls: Array<[string, unknown]> = []
  const builds: Array<string | undefined> = []
  let failure: Error | null = null
  const ci = {
    Project: function Project(this: unknown, options: unknown) {
      calls.push(['Project', options])
    },
    upload: async (options: unknown) => {
      calls.push(['upload', options])
      if (failure) throw failure
      return {}
    },
    preview: async (options: unknown) => {
      calls.push(['preview', options])
      return {}
    },
  } as unknown as CiApi
  const out: string[] = []
  const deps: MiniprogramDeps = {
    env: { MINIPROGRAM_APPID: 'wxtestappid00001', MINIPROGRAM_PRIVATE_KEY_PATH: keyPath, ...env },
    out: (line) => out.push(line),
    err: (line) => out.push(line),
    root: '/repo',
    build: async (cloudEnv) => {
      builds.push(cloudEnv)
    },
    loadCi: () => ci,
    packageVersion: '0.1.0',
  }
  return {
    keyPath,
    calls,
    builds,
    out,
    fail: (error: Error) => (failure = error),
    run: (command: 'upload' | 'preview', ...argv: string[]) => runMiniprogram(command, argv, deps),
  }
}

describe('npm run upload / preview', () => {
  it.each([
    [['--desc', '首发'], '版本号需要形如 1.2.3（收到：无）'],
    [['--version', '1.2', '--desc', '首发'], '版本号需要形如 1.2.3（收到：1.2）'],
    [['--version', '1.2.3'], '需要 --desc'],
    [['--version', '1.2.3', '--desc', '   '], '需要 --desc'],
  ])('refuses %j before building', async (argv, message) => {
    const h = harness()
    expect(await h.run('upload', ...argv)).toBe(1)
    expect(h.out.join('\n')).toContain(message)
    expect(h.builds).toEqual([])
  })

  it('names a missing appid or key file in Chinese', async () => {
    const noAppid = harness({ MINIPROGRAM_APPID: undefined })
    expect(await noAppid.run('upload', '--version', '1.0.0', '--desc', 'x')).toBe(1)
    expect(noAppid.out.join('\n')).toContain('缺少环境变量 MINIPROGRAM_APPID')
    const noKey = harness({ MINIPROGRAM_PRIVATE_KEY_PATH: '/nowhere/private.key' })
    expect(await noKey.run('preview')).toBe(1)
    expect(noKey.out.join('\n')).toContain('上传密钥文件不存在')
    expect(noKey.builds).toEqual([])
  })

  it('builds for the given environment, then uploads the version with its description', async () => {
    const h = harness()
    expect(
      await h.run('upload', '--version', '1.4.0', '--desc', '量体预约', '--env', 'prod-1a2b'),
    ).toBe(0)
    expect(h.builds).toEqual(['prod-1a2b'])
    expect(h.calls).toEqual([
      [
        'Project',
        {
          appid: 'wxtestappid00001',
          type: 'miniProgram',
          projectPath: '/repo',
          privateKeyPath: h.keyPath,
          ignores: ['node_modules/**/*'],
        },
      ],
      [
        'upload',
        expect.objectContaining({
          version: '1.4.0',
          desc: '量体预约',
          setting: { useProjectConfig: true },
          robot: 1,
        }),
      ],
    ])
  })

  it('prints the preview QR code in the terminal', async () => {
    const h = harness({ CLOUD_ENV: 'prod-1a2b' })
    expect(await h.run('preview')).toBe(0)
    expect(h.calls[1]).toEqual([
      'preview',
      expect.objectContaining({ qrcodeFormat: 'terminal', version: '0.1.0' }),
    ])
    expect(h.out.join('\n')).not.toContain('默认云环境')
  })

  it('never prints the upload key, even when the error quotes it', async () => {
    const h = harness()
    h.fail(new Error(`invalid private key ${KEY_BODY}`))
    expect(await h.run('upload', '--version', '1.0.0', '--desc', 'x')).toBe(1)
    const printed = h.out.join('\n')
    expect(printed).toContain('上传失败：invalid private key ***')
    expect(printed).not.toContain(KEY_BODY)
  })
})
