import { ACTIONS, FUNCTIONS } from '@/domain/names'
import { createRouter } from '@/cloud/router'
import { act } from './actions/act'
import { board } from './actions/board'
import { create } from './actions/create'
import { detail } from './actions/detail'
import { mine } from './actions/mine'
import { quote } from './actions/quote'
import { reorder } from './actions/reorder'
import { housekeeping } from './timer'

export const main = createRouter(
  FUNCTIONS.order,
  {
    [ACTIONS.order.quote]: quote,
    [ACTIONS.order.create]: create,
    [ACTIONS.order.reorder]: reorder,
    [ACTIONS.order.detail]: detail,
    [ACTIONS.order.mine]: mine,
    [ACTIONS.order.board]: board,
    [ACTIONS.order.act]: act,
  },
  housekeeping,
)
