// One aspect's stars as five tappable chips: tapping the n-th gives n stars.
import { Text, View } from '@tarojs/components'
import { RATING_SCORE_WORDS } from '@/domain/rating'
import { RATING_ASPECT_LABELS, RATING_STARS, type RatingAspect } from '@/domain/rating-view'

export interface StarRowProps {
  aspect: RatingAspect
  score: number | undefined
  onChange: (score: number) => void
}

const PLACES = Array.from({ length: RATING_STARS }, (_, index) => index + 1)

export default function StarRow({ aspect, score = 0, onChange }: StarRowProps) {
  return (
    <View className={`star-row star-row--${aspect}`}>
      <Text className="star-row__label">{RATING_ASPECT_LABELS[aspect]}</Text>
      <View className="star-row__stars">
        {PLACES.map((place) => (
          <View
            key={place}
            className={`rating-star rating-star--${aspect}-${place}${place <= score ? ' rating-star--on' : ''}`}
            onClick={() => onChange(place)}
          >
            <Text>★</Text>
          </View>
        ))}
      </View>
      <Text className="star-row__word">{score ? RATING_SCORE_WORDS[score - 1] : '请打分'}</Text>
    </View>
  )
}
