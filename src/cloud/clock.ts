// The time every function acts at. In WeChat this is the real clock; the local cloud can shift
// it (LocalCloud.clock, POST /cloud/clock) so timer work and quiet hours can be tested.
export function currentTime(): Date {
  const offset = Number(process.env.LOCAL_CLOUD_CLOCK_OFFSET_MS ?? 0)
  return new Date(Date.now() + (Number.isFinite(offset) ? offset : 0))
}
