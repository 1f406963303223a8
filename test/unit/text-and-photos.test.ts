// The shared free-text cleaning (validate.ts cleanText, used by string() and product texts) and
// the photo-id rule (photos.ts): what a form refuses is what a function refuses.
import { isOrderPhotoId, LOCAL_CLOUD_ENV, mayAttachPhotos, ORDER_PHOTO_DIR } from '@/domain/photos'
import { cleanText, object, parsePayload, shownText, string } from '@/domain/validate'

const note = string({ label: '备注', min: 0, max: 10 })
const name = string({ label: '收货人', max: 10, oneLine: true })

describe('free text', () => {
  test.each([
    ['NUL', 'a\u0000b'],
    ['another C0 control', 'a\u0007b'],
    ['DEL', 'a\u007fb'],
    ['a C1 control', 'a\u0085b'],
    ['a lone high surrogate', 'a\ud800'],
    ['a lone low surrogate', '\udc00b'],
    ['a reversed pair', '\ude00\ud83d'],
  ])('%s is refused, naming the field', (_what, text) => {
    expect(note(text, 'note')).toEqual({
      ok: false,
      path: 'note',
      message: '备注含有无法保存的字符',
    })
    expect(name(text, 'name')).toMatchObject({ ok: false, message: '收货人含有无法保存的字符' })
  })

  test('a note keeps its line breaks and tabs; a one-line field refuses them', () => {
    expect(note('一\n二\r\n\t三', 'note')).toEqual({ ok: true, value: '一\n二\r\n\t三' })
    expect(name('王\n小明', 'name')).toEqual({
      ok: false,
      path: 'name',
      message: '收货人只能填写一行',
    })
    // Around the text they are trimmed like spaces.
    expect(name('\t王小明\n', 'name')).toEqual({ ok: true, value: '王小明' })
  })

  test('bidirectional and zero-width characters are removed before trimming and counting', () => {
    expect(note('\u202e请在周末\u2066联系\u2069', 'note')).toEqual({
      ok: true,
      value: '请在周末联系',
    })
    expect(name('\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069 王', 'name')).toEqual({
      ok: true,
      value: '王',
    })
    expect(name('王\u200e\u200f\u061c\u200b\u2060\ufeff小明', 'name')).toEqual({
      ok: true,
      value: '王小明',
    })
    // Ten characters plus invisible ones still fit a ten-character limit.
    expect(note(`${'长'.repeat(10)}\u202e`, 'note')).toEqual({ ok: true, value: '长'.repeat(10) })
    // Only invisible characters: empty, so a required field asks for it.
    expect(name('\u202e\u200b', 'name')).toMatchObject({ ok: false, message: '请填写收货人' })
  })

  test('emoji (surrogate pairs, joiners) are kept and count as characters', () => {
    const family = '👨\u200d👩\u200d👧'
    expect(note(`好${family}😀`, 'note')).toEqual({ ok: true, value: `好${family}😀` })
    expect(cleanText('😀', '备注')).toEqual({ ok: true, text: '😀' })
  })

  test('a refused text in a payload is INVALID_INPUT with the field', () => {
    const check = object({ name, note })
    expect(parsePayload(check, { name: '王小明', note: 'x\u0000' })).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      message: '备注含有无法保存的字符',
      field: 'note',
    })
  })

  test('a message never shows half a character of an unknown field', () => {
    expect(shownText('😀'.repeat(50))).toBe('😀'.repeat(40))
    const key = `${'x'.repeat(39)}😀tail`
    const result = object({})({ [key]: 1 }, '')
    expect(result).toMatchObject({ ok: false, message: `不支持的字段：${'x'.repeat(39)}😀` })
  })
})

describe('order photo ids', () => {
  const env = 'prod-7g3k'
  const bucket = '7072-prod-7g3k-1250000000'
  const good = `cloud://${env}.${bucket}/${ORDER_PHOTO_DIR}/lq3x9z-0-a1b2c3.jpg`
  const local = 'local-file://0f8fad5b-d9cb-469f-a165-70867728950e.png'

  test('this environment’s uploads under order-photos/ are accepted', () => {
    expect(isOrderPhotoId(good, { env })).toBe(true)
    expect(isOrderPhotoId(good, 'shape')).toBe(true)
  })

  test.each([
    ['an https URL', 'https://evil.example/b.png'],
    ['an http URL', 'http://192.168.1.1/order-photos/a.jpg'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a javascript: URL shaped like a path', 'javascript://x/order-photos/a.jpg'],
    ['a data: URL', 'data:image/png;base64,AAAA'],
    ['another environment’s id', `cloud://other-env.6f74-other-env-1/${ORDER_PHOTO_DIR}/a.jpg`],
    ['an env whose name starts like ours', `cloud://${env}x.${bucket}/${ORDER_PHOTO_DIR}/a.jpg`],
    ['outside order-photos/', `cloud://${env}.${bucket}/avatars/a.jpg`],
    ['a sub-folder', `cloud://${env}.${bucket}/${ORDER_PHOTO_DIR}/x/a.jpg`],
    ['a climb out', `cloud://${env}.${bucket}/${ORDER_PHOTO_DIR}/../a.jpg`],
    ['not an image', `cloud://${env}.${bucket}/${ORDER_PHOTO_DIR}/a.html`],
    ['no bucket', `cloud://${env}/${ORDER_PHOTO_DIR}/a.jpg`],
    ['a query', `${good}?x=1`],
    ['a local file id in a real environment', local],
    ['a malformed local file id', 'local-file://../../etc/passwd'],
    ['not a string', 42],
    ['too long', `cloud://${env}.${bucket}/${ORDER_PHOTO_DIR}/${'a'.repeat(300)}.jpg`],
  ])('%s is refused', (_what, id) => {
    expect(isOrderPhotoId(id, { env })).toBe(false)
  })

  test('the local cloud also takes its own file ids; an unknown environment takes nothing', () => {
    expect(isOrderPhotoId(local, { env: LOCAL_CLOUD_ENV })).toBe(true)
    expect(isOrderPhotoId(local, 'shape')).toBe(true)
    expect(isOrderPhotoId(good, { env: '' })).toBe(false)
    expect(isOrderPhotoId(`cloud://.${bucket}/${ORDER_PHOTO_DIR}/a.jpg`, { env: '' })).toBe(false)
  })

  test('a phone checks the shape only: any environment, never a URL', () => {
    expect(isOrderPhotoId(`cloud://other-env.b-1/${ORDER_PHOTO_DIR}/a.jpg`, 'shape')).toBe(true)
    expect(isOrderPhotoId('https://evil.example/b.png', 'shape')).toBe(false)
  })

  test('only the merchant’s form offers photos', () => {
    expect(mayAttachPhotos('merchant')).toBe(true)
    expect(mayAttachPhotos('consumer')).toBe(false)
    expect(mayAttachPhotos('system')).toBe(false)
  })
})
