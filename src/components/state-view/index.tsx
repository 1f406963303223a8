// The three non-data states a list shows: loading (skeleton), error (message + 重试), empty;
// and `Loadable`, the chain pages repeat: error (when nothing is shown yet) → skeleton → empty →
// the content.
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { Fail } from '@/domain/result'
import './index.scss'

export function SkeletonList({ rows = 3 }: { rows?: number }) {
  return (
    <View className="state-skeleton" aria-busy="true">
      {Array.from({ length: rows }, (_, index) => (
        <View key={index} className="state-skeleton__card">
          <View className="state-skeleton__thumb" />
          <View className="state-skeleton__lines">
            <View className="state-skeleton__line state-skeleton__line--short" />
            <View className="state-skeleton__line" />
            <View className="state-skeleton__line state-skeleton__line--mid" />
          </View>
        </View>
      ))}
    </View>
  )
}

/** The whole card retries on tap, so the target is large; the button is its visible cue. */
export function ErrorState({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <View className="state-error" hoverClass="state-error--pressed" onClick={onRetry}>
      <View className="state-error__icon">
        <Text>!</Text>
      </View>
      <Text className="state-error__message">{message}</Text>
      <View className="state-retry">
        <Text>重试</Text>
      </View>
    </View>
  )
}

export function EmptyState({ text, hint }: { text: string; hint?: string }) {
  return (
    <View className="state-empty">
      <Text className="state-empty__text">{text}</Text>
      {hint ? <Text className="state-empty__hint">{hint}</Text> : null}
    </View>
  )
}

export interface LoadableProps<T> {
  /** A read's state (useCloud): once data is shown, a failed reload keeps it. */
  state: { data: T | undefined; error: Fail | undefined; reload: () => Promise<void> }
  rows?: number
  /** What to say when the data has nothing to show. */
  empty?: { when: (data: T) => boolean; text: string; hint?: string }
  children: (data: T) => ReactNode
}

export function Loadable<T>({ state, rows = 3, empty, children }: LoadableProps<T>) {
  const { data, error, reload } = state
  if (data === undefined)
    return error ? (
      <ErrorState message={error.message} onRetry={() => void reload()} />
    ) : (
      <SkeletonList rows={rows} />
    )
  if (empty?.when(data)) return <EmptyState text={empty.text} hint={empty.hint} />
  return <>{children(data)}</>
}
