import { catalogApi } from '@/domain/api/catalog'
import { FUNCTIONS } from '@/domain/names'
import { createRouter } from '@/cloud/router'
import { get } from './actions/get'
import { list } from './actions/list'

export const main = createRouter(FUNCTIONS.catalog, catalogApi, {
  list: list,
  get: get,
})
