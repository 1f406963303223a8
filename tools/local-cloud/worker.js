// One warm cloud-function instance (plain JS: worker threads cannot load TypeScript under jest).
// The runner sends one invocation at a time; before each, this worker's own process.env gets the
// caller's identity (WX_OPENID, WX_CONTEXT_KEYS, TCB_SOURCE, ...) exactly where wx-server-sdk's
// getWXContext() reads it, so parallel callers on different workers never mix.
'use strict'
const http = require('node:http')
const { parentPort, workerData } = require('node:worker_threads')

let fnModule = null
let identityKeys = []

// Each request the SDK makes carries its step on the invocation's critical path, as the function
// sees it: one more than the longest chain that had answered when it was made (round-trips.ts).
// Calls made together (Promise.all) are all made before any answer, so they share a step.
const STEP_HEADER = 'x-local-cloud-step'
let chain = { answered: 0 }
const sdkRequest = http.request
http.request = function request(...args) {
  const tally = chain
  const step = tally.answered + 1
  const req = sdkRequest.apply(this, args)
  try {
    req.setHeader(STEP_HEADER, String(step))
  } catch {
    return req
  }
  const answered = () => {
    tally.answered = Math.max(tally.answered, step)
  }
  req.once('response', (res) => res.once('end', answered))
  return req
}

function describe(error) {
  if (error instanceof Error) {
    return { message: error.message, stack: error.stack, errCode: error.errCode, name: error.name }
  }
  try {
    return {
      message: typeof error === 'string' ? error : JSON.stringify(error),
      errCode: error && error.errCode,
    }
  } catch {
    return { message: String(error) }
  }
}

parentPort.on('message', async (msg) => {
  if (!msg || msg.type !== 'invoke') return
  const { id } = msg
  try {
    chain = { answered: 0 }
    for (const key of identityKeys) delete process.env[key]
    identityKeys = Object.keys(msg.env)
    for (const key of identityKeys) process.env[key] = msg.env[key]
    if (!fnModule) fnModule = require(workerData.entry)
    if (!fnModule || typeof fnModule.main !== 'function') {
      throw new Error('index.js 没有导出 main 函数 / index.js does not export main')
    }
    parentPort.postMessage({ type: 'running', id })
    const result = await fnModule.main(msg.event, msg.context)
    // callFunction returns JSON: Dates become strings, undefined becomes null.
    const json = result === undefined ? 'null' : JSON.stringify(result)
    parentPort.postMessage({ type: 'done', id, ok: true, json: json === undefined ? 'null' : json })
  } catch (error) {
    parentPort.postMessage({ type: 'done', id, ok: false, error: describe(error) })
  }
})
