// `npm run build:cloud`: bundles every cloud function and prints its size.
import { buildCloudFunctions } from './build-cloudfunctions'

buildCloudFunctions()
  .then((built) => {
    for (const fn of built)
      console.log(`  ${fn.name.padEnd(16)} ${(fn.bytes / 1024).toFixed(1)} KB`)
    console.log(`已构建 ${built.length} 个云函数 -> cloudfunctions/<name>/index.js`)
  })
  .catch((error: Error) => {
    console.error(`云函数构建失败：${error.message}`)
    process.exit(1)
  })
