// The H5 build served by a local cloud on a fresh database with the demo data, and one Chromium
// for the test file. Build first: `npm run build:h5` (npm test does; DIST_ROOT picks another dist).
import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { FUNCTIONS_ROOT, PROJECT_ROOT } from '../../tools/build-cloudfunctions'
import { DEMO_USERS, seedDemo } from '../../tools/seed/demo'
import { startTestCloud, type TestCloud } from '../helpers/local-cloud'
import { launchChromium } from './browser'

export const H5_DIR = join(PROJECT_ROOT, process.env.DIST_ROOT ?? 'dist', 'h5')
export const SHOTS_DIR = join(PROJECT_ROOT, 'test-results')
const DOCS_SHOTS_DIR = join(PROJECT_ROOT, 'docs', 'screenshots')

/**
 * Saves a screenshot to test-results/; with UPDATE_SCREENSHOTS=1 also refreshes the committed
 * copy in docs/screenshots/ (linked from the README), so a normal test run changes no tracked file.
 */
export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true })
  const path = join(SHOTS_DIR, `${name}.png`)
  await page.screenshot({ path })
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(DOCS_SHOTS_DIR, { recursive: true })
    copyFileSync(path, join(DOCS_SHOTS_DIR, `${name}.png`))
  }
}

export interface H5App {
  cloud: TestCloud
  browser: Browser
}

/** Registers beforeAll/afterAll; the returned object is filled in before the first test. */
export function setupH5App(): H5App {
  const app = {} as H5App
  beforeAll(async () => {
    if (!existsSync(join(H5_DIR, 'index.html'))) {
      throw new Error(`缺少 H5 构建 ${H5_DIR}：先运行 npm run build:h5`)
    }
    mkdirSync(SHOTS_DIR, { recursive: true })
    app.cloud = await startTestCloud({
      functionsRoot: FUNCTIONS_ROOT,
      users: DEMO_USERS,
      staticDir: H5_DIR,
    })
    await seedDemo(app.cloud.store)
    app.browser = await launchChromium()
  }, 60_000)
  afterAll(async () => {
    await app.browser?.close()
    await app.cloud?.stop()
  })
  return app
}
