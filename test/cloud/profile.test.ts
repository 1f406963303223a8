// profile: measurement profiles under a separate consent, through the built function, the
// unmodified wx-server-sdk and the local cloud on PostgreSQL.
import {
  MAX_PROFILES_PER_USER,
  MEASUREMENT_POLICY_VERSION,
  consentDocId,
} from '@/domain/measurement-profile'
import { COLLECTIONS, FUNCTIONS } from '@/domain/names'
import { callerFor, consumerA, consumerB, useDemoCloud, type ActionOf } from '../helpers/demo-cloud'

type Action = ActionOf<typeof FUNCTIONS.profile>

const env = useDemoCloud()
const call = callerFor(env, FUNCTIONS.profile)

const shirt = { chest: 96.5, neck: 39, sleeve: 61 }
const snapshot = async () => ({
  profiles: await env.cloud.store.find(COLLECTIONS.measurementProfiles, {}),
  consents: await env.cloud.store.find(COLLECTIONS.consents, {}),
})
const profilesOf = (openid: string) =>
  env.cloud.store.find(COLLECTIONS.measurementProfiles, { ownerOpenid: openid })

describe('consent', () => {
  test('without consent nothing can be saved, and the refusal says why in Chinese', async () => {
    await expect(call('consentStatus', undefined, consumerA)).resolves.toEqual({
      ok: true,
      data: {
        granted: false,
        policyVersion: MEASUREMENT_POLICY_VERSION,
        grantedVersion: null,
        grantedAt: null,
      },
    })
    const before = await snapshot()
    const refused = await call('save', { name: '日常', values: shirt }, consumerA)
    expect(refused).toMatchObject({ ok: false, code: 'CONSENT_REQUIRED' })
    expect(refused.message).toMatch(/同意/)
    expect(await snapshot()).toEqual(before)
  })

  test('granting records the time and policy version once, however often it is retried', async () => {
    const results = await Promise.all([
      call('consent', { granted: true }, consumerA),
      call('consent', { granted: true }, consumerA),
    ])
    for (const result of results)
      expect(result).toMatchObject({
        ok: true,
        data: { granted: true, grantedVersion: MEASUREMENT_POLICY_VERSION },
      })
    const stored = await env.cloud.store.find(COLLECTIONS.consents, { ownerOpenid: consumerA })
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({
      _id: consentDocId(consumerA),
      granted: true,
      policyVersion: MEASUREMENT_POLICY_VERSION,
      profileCount: 0,
    })
    expect(stored[0].grantedAt).toBeInstanceOf(Date)
    await expect(call('consentStatus', undefined, consumerA)).resolves.toMatchObject({
      data: { granted: true, grantedAt: stored[0].grantedAt.toISOString() },
    })
  })

  test('a consent to an older policy version no longer counts', async () => {
    await env.cloud.store.insertMany(COLLECTIONS.consents, [
      {
        _id: consentDocId('o_old_policy'),
        ownerOpenid: 'o_old_policy',
        purpose: 'measurements',
        granted: true,
        policyVersion: '2000-01-01',
        grantedAt: new Date('2020-01-01T00:00:00Z'),
        withdrawnAt: null,
        profileCount: 0,
        updatedAt: new Date('2020-01-01T00:00:00Z'),
      },
    ])
    await expect(call('consentStatus', undefined, 'o_old_policy')).resolves.toMatchObject({
      data: { granted: false, grantedVersion: '2000-01-01' },
    })
    await expect(
      call('save', { name: '旧授权', values: shirt }, 'o_old_policy'),
    ).resolves.toMatchObject({ ok: false, code: 'CONSENT_REQUIRED' })
  })
})

describe('save, list, remove', () => {
  beforeAll(async () => {
    await call('consent', { granted: true }, consumerA)
    await call('consent', { granted: true }, consumerB)
  })

  test('creates, lists newest first, and updates by replacing the values', async () => {
    const first = await call('save', { name: '  日常  ', values: shirt }, consumerA)
    expect(first).toMatchObject({ ok: true, data: { name: '日常', values: shirt } })
    const second = await call('save', { name: '礼服', values: { chest: 98 } }, consumerA)
    expect(second.ok).toBe(true)

    const listed = await call('list', undefined, consumerA)
    expect(listed.data.items.map((p: { id: string }) => p.id)).toEqual([
      second.data.id,
      first.data.id,
    ])

    const updated = await call(
      'save',
      { id: first.data.id, name: '日常（新）', values: { chest: 97.1 } },
      consumerA,
    )
    expect(updated).toMatchObject({
      ok: true,
      data: { id: first.data.id, values: { chest: 97.1 } },
    })
    const [stored] = await env.cloud.store.find(COLLECTIONS.measurementProfiles, {
      _id: first.data.id,
    })
    expect(stored).toMatchObject({
      ownerOpenid: consumerA,
      name: '日常（新）',
      values: { chest: 97.1 },
    })
    expect(stored.values).not.toHaveProperty('neck')
    const [consent] = await env.cloud.store.find(COLLECTIONS.consents, { ownerOpenid: consumerA })
    expect(consent.profileCount).toBe(2)
  })

  test('another user can neither see, change nor remove them, and learns nothing', async () => {
    const mine = await call('save', { name: 'B 的档案', values: { chest: 88 } }, consumerB)
    const [aProfile] = await profilesOf(consumerA)
    const listedByB = await call('list', undefined, consumerB)
    expect(listedByB.data.items.map((p: { id: string }) => p.id)).toEqual([mine.data.id])

    const before = await snapshot()
    const removeOthers = await call('remove', { id: aProfile._id }, consumerB)
    const removeMissing = await call('remove', { id: 'no_such_profile' }, consumerB)
    expect(removeOthers).toEqual(removeMissing)
    expect(removeOthers).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    const editOthers = await call(
      'save',
      { id: aProfile._id, name: '改', values: shirt },
      consumerB,
    )
    expect(editOthers).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await snapshot()).toEqual(before)
  })

  test('the owner removes a profile; removing it again is NOT_FOUND', async () => {
    const created = await call('save', { name: '临时', values: { shoulder: 45 } }, consumerB)
    const countBefore = (
      await env.cloud.store.find(COLLECTIONS.consents, { ownerOpenid: consumerB })
    )[0].profileCount
    await expect(call('remove', { id: created.data.id }, consumerB)).resolves.toEqual({
      ok: true,
      data: { id: created.data.id },
    })
    await expect(call('remove', { id: created.data.id }, consumerB)).resolves.toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    })
    expect(
      await env.cloud.store.find(COLLECTIONS.measurementProfiles, { _id: created.data.id }),
    ).toEqual([])
    const [consent] = await env.cloud.store.find(COLLECTIONS.consents, { ownerOpenid: consumerB })
    expect(consent.profileCount).toBe(countBefore - 1)
  })

  test(`parallel creates stop at exactly ${MAX_PROFILES_PER_USER} profiles`, async () => {
    const openid = 'o_profile_limit'
    await call('consent', { granted: true }, openid)
    const results = await Promise.all(
      Array.from({ length: MAX_PROFILES_PER_USER + 3 }, (_, i) =>
        call('save', { name: `档案 ${i}`, values: { chest: 90 + i } }, openid),
      ),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(MAX_PROFILES_PER_USER)
    expect(results.filter((r) => !r.ok).map((r) => r.code)).toEqual([
      'PROFILE_LIMIT',
      'PROFILE_LIMIT',
      'PROFILE_LIMIT',
    ])
    expect(await profilesOf(openid)).toHaveLength(MAX_PROFILES_PER_USER)
  })

  test('withdrawing consent deletes every profile of the caller and only theirs', async () => {
    expect((await profilesOf(consumerA)).length).toBeGreaterThan(0)
    const bCount = (await profilesOf(consumerB)).length
    const withdrawn = await call('consent', { granted: false }, consumerA)
    expect(withdrawn).toMatchObject({ ok: true, data: { granted: false } })
    expect(withdrawn.data.removedProfiles).toBeGreaterThan(0)
    expect(await profilesOf(consumerA)).toEqual([])
    expect(await profilesOf(consumerB)).toHaveLength(bCount)
    const [consent] = await env.cloud.store.find(COLLECTIONS.consents, { ownerOpenid: consumerA })
    expect(consent).toMatchObject({ granted: false, profileCount: 0 })
    expect(consent.withdrawnAt).toBeInstanceOf(Date)
    await expect(call('save', { name: '再存', values: shirt }, consumerA)).resolves.toMatchObject({
      ok: false,
      code: 'CONSENT_REQUIRED',
    })
    await expect(call('list', undefined, consumerA)).resolves.toEqual({
      ok: true,
      data: { items: [] },
    })
    // Withdrawing again is harmless.
    await expect(call('consent', { granted: false }, consumerA)).resolves.toMatchObject({
      ok: true,
      data: { granted: false, removedProfiles: 0 },
    })
  })
})

describe('what a profile measures', () => {
  beforeAll(async () => {
    await call('consent', { granted: true }, 'o_profile_kinds')
  })

  test('领围 99 is refused on the field with a stable code, and nothing is written', async () => {
    const before = await snapshot()
    const refused = await call('save', { name: '本人', values: { neck: 99 } }, 'o_profile_kinds')
    expect(refused).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      message: '领围应在 25 到 65 cm 之间',
      field: 'values.neck',
    })
    expect(await snapshot()).toEqual(before)
  })

  test('a window profile holds 宽度 and 高度 and says so; a body one by default', async () => {
    const window = await call(
      'save',
      { kind: 'window', name: '客厅', values: { width: 180, height: 260 } },
      'o_profile_kinds',
    )
    expect(window).toMatchObject({
      ok: true,
      data: { kind: 'window', name: '客厅', values: { width: 180, height: 260 } },
    })
    const body = await call('save', { name: '本人', values: { neck: 39 } }, 'o_profile_kinds')
    expect(body).toMatchObject({ ok: true, data: { kind: 'body' } })
    const [stored] = await env.cloud.store.find(COLLECTIONS.measurementProfiles, {
      _id: window.data.id,
    })
    expect(stored).toMatchObject({ kind: 'window', values: { width: 180, height: 260 } })
  })

  test('a profile stored before kinds existed lists as a body profile', async () => {
    const at = new Date('2024-05-01T00:00:00Z')
    await env.cloud.store.insertMany(COLLECTIONS.measurementProfiles, [
      {
        _id: 'legacy_profile',
        ownerOpenid: 'o_profile_legacy',
        name: '旧档案',
        values: { neck: 39, chest: 96 },
        createdAt: at,
        updatedAt: at,
      },
    ])
    await expect(call('list', undefined, 'o_profile_legacy')).resolves.toEqual({
      ok: true,
      data: {
        items: [
          {
            id: 'legacy_profile',
            kind: 'body',
            name: '旧档案',
            values: { neck: 39, chest: 96 },
            createdAt: at.toISOString(),
            updatedAt: at.toISOString(),
          },
        ],
      },
    })
  })
})

describe('refusals write nothing', () => {
  test.each<[Action, unknown]>([
    ['consent', { granted: true }],
    ['consentStatus', undefined],
    ['save', { name: '匿名', values: shirt }],
    ['list', undefined],
    ['remove', { id: 'anything' }],
  ])('anonymous %s -> UNAUTHENTICATED', async (action, payload) => {
    const before = await snapshot()
    await expect(call(action, payload, null)).resolves.toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
    })
    expect(await snapshot()).toEqual(before)
  })

  const huge = '量'.repeat(100_000)
  const manyKeys = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`m${i}`, 50]))
  test.each<[string, Action, unknown]>([
    ['consent: granted as a string', 'consent', { granted: 'true' }],
    ['consent: missing granted', 'consent', {}],
    ['consent: openid smuggled in', 'consent', { granted: true, openid: consumerB }],
    ['save: payload is an array', 'save', [{ name: 'x', values: shirt }]],
    ['save: name is a number', 'save', { name: 42, values: shirt }],
    ['save: name of 21 characters', 'save', { name: '长'.repeat(21), values: shirt }],
    ['save: huge name', 'save', { name: huge, values: shirt }],
    ['save: blank name', 'save', { name: '   ', values: shirt }],
    ['save: negative value', 'save', { name: 'x', values: { chest: -5 } }],
    ['save: zero', 'save', { name: 'x', values: { chest: 0 } }],
    ['save: above 500', 'save', { name: 'x', values: { chest: 501 } }],
    ['save: 领围 99, beyond anyone', 'save', { name: 'x', values: { neck: 99 } }],
    ['save: a measurement no profile holds', 'save', { name: 'x', values: { waist: 82 } }],
    ['save: 宽度 in a body profile', 'save', { name: 'x', kind: 'body', values: { width: 180 } }],
    ['save: unknown kind', 'save', { name: 'x', kind: 'door', values: { width: 180 } }],
    ['save: two decimals', 'save', { name: 'x', values: { chest: 96.55 } }],
    ['save: value as a string', 'save', { name: 'x', values: { chest: '96' } }],
    ['save: operator as a value', 'save', { name: 'x', values: { chest: { $gt: '' } } }],
    ['save: operator as a key', 'save', { name: 'x', values: { $gt: 1 } }],
    ['save: dotted key', 'save', { name: 'x', values: { 'a.b': 1 } }],
    ['save: __proto__ key', 'save', JSON.parse('{"name":"x","values":{"__proto__":1}}')],
    ['save: 31 measurements', 'save', { name: 'x', values: manyKeys }],
    ['save: no measurements', 'save', { name: 'x', values: {} }],
    ['save: values is an array', 'save', { name: 'x', values: [1, 2] }],
    ['save: owner smuggled in', 'save', { name: 'x', values: shirt, ownerOpenid: consumerB }],
    ['save: operator as id', 'save', { id: { $ne: null }, name: 'x', values: shirt }],
    ['save: path in id', 'save', { id: '../consents', name: 'x', values: shirt }],
    ['remove: operator as id', 'remove', { id: { $gt: '' } }],
    ['remove: missing id', 'remove', {}],
    ['list: unexpected field', 'list', { ownerOpenid: consumerA }],
  ])('%s -> INVALID_INPUT', async (_case, action, payload) => {
    await call('consent', { granted: true }, 'o_malformed')
    const before = await snapshot()
    const result = await call(action, payload, 'o_malformed')
    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(result.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(await snapshot()).toEqual(before)
  })
})
