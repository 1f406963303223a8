// merchant.merchants / addMerchant / removeMerchant — merchants only. Accounts live in
// `merchants` (document id = OPENID). The list masks OPENIDs and gives each a `ref` to remove it
// by. A merchant cannot remove their own account, so the caller always remains and the last
// merchant can never go; the removal also rewrites the caller's own document in the same
// transaction, so two merchants removing each other at once conflict and one of them fails.
import { createHash } from 'node:crypto'
import { maskOpenid } from '@/domain/merchant-accounts'
import type { MerchantsView } from '@/domain/merchant-views'
import { COLLECTIONS } from '@/domain/names'
import { fail, ok } from '@/domain/result'
import { command, db, inTransaction, readDoc, readList } from '@/cloud/database'
import { merchantApi } from '@/domain/api/merchant'
import { defineMerchantAction } from '@/cloud/router'
import { currentTime } from '@/cloud/clock'

interface MerchantRecord {
  _id: string
  name: string
  /** Absent on a document created by hand in the console. */
  addedAt?: Date
  addedBy?: string
  updatedAt?: Date
}

/** Accounts listed; a shop has a few. */
const MERCHANTS_LIMIT = 100
const merchantsCollection = () => db.collection(COLLECTIONS.merchants)

const refOf = (openid: string) => createHash('sha256').update(openid).digest('hex').slice(0, 16)

const readAll = () =>
  readList<MerchantRecord>(
    // Every account, by primary key (documents made in the console may lack other fields).
    merchantsCollection()
      .where({ _id: command.gt('') })
      .orderBy('_id', 'asc')
      .limit(MERCHANTS_LIMIT),
  )

export const merchants = defineMerchantAction(
  merchantApi.merchants,
  async (_input, merchantOpenid) => {
    const view: MerchantsView = {
      items: (await readAll()).map((m) => ({
        openid: maskOpenid(m._id),
        ref: refOf(m._id),
        name: m.name,
        addedAt: m.addedAt ?? null,
        self: m._id === merchantOpenid,
      })),
    }
    return ok(view)
  },
)

export const addMerchant = defineMerchantAction(
  merchantApi.addMerchant,
  async (input, merchantOpenid) => {
    const now = currentTime()
    const ref = merchantsCollection().doc(input.openid)
    const existing = await readDoc<MerchantRecord>(ref)
    if (existing) return fail('INVALID_INPUT', '该用户已经是商家', 'openid')
    await ref.set({ data: { name: input.name, addedAt: now, addedBy: merchantOpenid } })
    return ok({ openid: maskOpenid(input.openid), ref: refOf(input.openid), name: input.name })
  },
)

export const removeMerchant = defineMerchantAction(
  merchantApi.removeMerchant,
  async (input, merchantOpenid) => {
    const target =
      input.openid ?? (await readAll()).map((m) => m._id).find((id) => refOf(id) === input.ref)
    if (!target) return fail('NOT_FOUND', '商家账号不存在')
    if (target === merchantOpenid) {
      const others = (await readAll()).filter((m) => m._id !== merchantOpenid).length
      return others === 0
        ? fail('LAST_MERCHANT')
        : fail('INVALID_INPUT', '不能移除自己的账号，请让其他商家操作', 'openid')
    }
    const now = currentTime()
    return inTransaction(async (transaction) => {
      const mine = transaction.collection(COLLECTIONS.merchants).doc(merchantOpenid)
      const self = await readDoc<MerchantRecord>(mine)
      if (!self) return fail('FORBIDDEN', '仅商家可以进行此操作')
      const ref = transaction.collection(COLLECTIONS.merchants).doc(target)
      if (!(await readDoc<MerchantRecord>(ref))) return fail('NOT_FOUND', '商家账号不存在')
      await mine.update({ data: { updatedAt: now } })
      await ref.remove()
      return ok({ removed: maskOpenid(target) })
    })
  },
)
