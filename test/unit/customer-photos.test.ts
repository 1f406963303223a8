// A customer's photos (issue 17): order-photos/<dir>/ where the cloud names <dir> from the
// caller's OPENID (src/cloud/photo-dir.ts); with a dir, photos.ts accepts only ids under that
// folder of this environment; by shape, either folder; the payload check (customer-photos.ts)
// takes up to 6 distinct ids of that shape.
import { photoDirOf } from '@/cloud/photo-dir'
import { CUSTOMER_PHOTOS_MAX, customerPhotosCheck } from '@/domain/customer-photos'
import { CUSTOMER_DIR, isOrderPhotoId, LOCAL_CLOUD_ENV, ORDER_PHOTO_DIR } from '@/domain/photos'

const env = 'prod-7g3k'
const bucket = '7072-prod-7g3k-1250000000'
const mine = photoDirOf('o_customer_a')
const theirs = photoDirOf('o_customer_b')
const cloudId = (dir: string, name = 'lq3x9z-0-a1b2c3.jpg', inEnv = env) =>
  `cloud://${inEnv}.${bucket}/${ORDER_PHOTO_DIR}/${dir}${dir ? '/' : ''}${name}`
const uuid = '0f8fad5b-d9cb-469f-a165-70867728950e'
const localId = (dir: string) => `local-file://${dir}${dir ? '/' : ''}${uuid}.png`

describe('the folder rule', () => {
  test('one folder per OPENID, always the same, never the OPENID itself', () => {
    expect(mine).toMatch(CUSTOMER_DIR)
    expect(photoDirOf('o_customer_a')).toBe(mine)
    expect(theirs).not.toBe(mine)
    expect(mine).not.toContain('o_customer_a')
    // 'u' + sha256('o_customer_a')[0..16]: pinned, since stored photo ids carry it.
    expect(mine).toBe('u6e0a239e361f12ca')
  })
})

describe('a customer’s photo ids', () => {
  const scope = { env, dir: mine }

  test('this environment’s uploads under the caller’s folder are accepted', () => {
    expect(isOrderPhotoId(cloudId(mine), scope)).toBe(true)
    expect(isOrderPhotoId(localId(mine), { env: LOCAL_CLOUD_ENV, dir: mine })).toBe(true)
  })

  test.each([
    ['another customer’s folder', cloudId(theirs)],
    ['the merchant’s folder (no sub-folder)', cloudId('')],
    ['another environment', cloudId(mine, 'a.jpg', 'other-env')],
    ['a folder of another shape', cloudId('u123')],
    ['a folder deeper', cloudId(`${mine}/x`)],
    ['a climb out', cloudId(`${mine}/..`)],
    ['an https URL', `https://evil.example/${ORDER_PHOTO_DIR}/${mine}/a.jpg`],
    ['a local id in a real environment', localId(mine)],
    ['not an image', cloudId(mine, 'a.html')],
  ])('%s is refused', (_what, id) => {
    expect(isOrderPhotoId(id, scope)).toBe(false)
  })

  test('local ids: only the caller’s folder, and a bad dir takes nothing', () => {
    const local = { env: LOCAL_CLOUD_ENV, dir: mine }
    expect(isOrderPhotoId(localId(theirs), local)).toBe(false)
    expect(isOrderPhotoId(localId(''), local)).toBe(false)
    expect(isOrderPhotoId(localId(mine), { env: LOCAL_CLOUD_ENV, dir: '..' })).toBe(false)
  })

  test('the merchant’s check (no dir) still refuses a customer’s folder', () => {
    expect(isOrderPhotoId(cloudId(mine), { env })).toBe(false)
    expect(isOrderPhotoId(localId(mine), { env: LOCAL_CLOUD_ENV })).toBe(false)
  })

  test.each([
    [cloudId(mine), true],
    [cloudId(''), true],
    [localId(mine), true],
    [localId(''), true],
    [cloudId('u123'), false],
    [`local-file://../${uuid}.png`, false],
    [`local-file://${mine}/../${uuid}.png`, false],
    ['https://evil.example/a.png', false],
  ])('by shape, %s → %s', (id, accepted) => {
    expect(isOrderPhotoId(id, 'shape')).toBe(accepted)
  })
})

describe('the payload check', () => {
  const photos = (count: number) =>
    Array.from({ length: count }, (_, index) => cloudId(mine, `p-${index}.jpg`))

  test('left out is none; up to six distinct ids pass', () => {
    expect(customerPhotosCheck(undefined, 'photos')).toEqual({ ok: true, value: [] })
    expect(customerPhotosCheck(photos(CUSTOMER_PHOTOS_MAX), 'photos')).toMatchObject({ ok: true })
  })

  test.each([
    ['seven photos', photos(7), '照片最多 6 张'],
    ['the same photo twice', [cloudId(mine), cloudId(mine)], '同一张照片只能添加一次'],
    ['a URL', ['https://evil.example/a.png'], '照片地址不正确，请重新上传照片'],
    ['not a list', cloudId(mine), '照片必须是列表'],
  ])('%s is refused naming 照片', (_what, value, message) => {
    expect(customerPhotosCheck(value, 'photos')).toEqual({ ok: false, path: 'photos', message })
  })
})
