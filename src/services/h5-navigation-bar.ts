// H5 only: Taro's H5 router draws WeChat's navigation bar (app.config.ts) with the back and home
// buttons as bare icons in plain divs. They get the role and name a screen reader (and a test)
// finds them by, and the keyboard can press them. WeChat draws its own bar; weapp never calls this.
const BUTTONS = [
  ['taro-navigation-bar-back', '返回'],
  ['taro-navigation-bar-home', '首页'],
] as const

/** Call once the app has mounted (the router builds the bar before the app launches). */
export function nameNavigationBarButtons(): void {
  const bar = document.getElementById('taro-navigation-bar')
  if (!bar) return
  for (const [className, name] of BUTTONS) {
    const button = bar.getElementsByClassName(className)[0] as HTMLElement | undefined
    if (!button) continue
    button.setAttribute('role', 'button')
    button.setAttribute('aria-label', name)
    button.title = name
    button.tabIndex = 0
    button.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' && e.key !== ' ') return
      e.preventDefault()
      button.click()
    })
  }
}
