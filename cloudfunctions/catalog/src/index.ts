import { ACTIONS, FUNCTIONS } from '@/domain/names'
import { createRouter } from '@/cloud/router'
import { get } from './actions/get'
import { list } from './actions/list'

export const main = createRouter(FUNCTIONS.catalog, {
  [ACTIONS.catalog.list]: list,
  [ACTIONS.catalog.get]: get,
})
