// Entry of `npm run deploy`: wires the command to the real build and to @cloudbase/manager-node.
import { buildCloudFunctions } from '../build-cloudfunctions'
import { runDeploy } from './cli'
import { CloudbaseAdapter } from './cloudbase'
import { readDesired } from './desired'

runDeploy(process.argv.slice(2), {
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  build: async () => {
    await buildCloudFunctions()
  },
  readDesired: (options) => readDesired(undefined, options),
  connect: (envId, credentials) =>
    CloudbaseAdapter.connect(envId, credentials, process.env.MINIPROGRAM_APPID),
}).then((code) => process.exit(code))
