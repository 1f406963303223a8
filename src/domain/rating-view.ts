// What a rating shows: the aspects' names and a line of stars. Apart from rating.ts (the rules),
// because the order page in the main package needs only this.

export const RATING_ASPECTS = ['quality', 'fit', 'onTime'] as const
export type RatingAspect = (typeof RATING_ASPECTS)[number]

export const RATING_ASPECT_LABELS: Record<RatingAspect, string> = {
  quality: '质量',
  fit: '合身',
  onTime: '准时',
}

/** Stars per aspect: 1 to this many. */
export const RATING_STARS = 5

/** "★★★★☆" for 4. */
export const starsOf = (score: number): string =>
  '★'.repeat(score) + '☆'.repeat(Math.max(0, RATING_STARS - score))

/** "质量 ★★★★★ · 准时 ★★★★☆", leaving out 合身 when it was not asked. */
export function ratingLine(scores: Partial<Record<RatingAspect, number | null>>): string {
  return RATING_ASPECTS.filter((aspect) => typeof scores[aspect] === 'number')
    .map((aspect) => `${RATING_ASPECT_LABELS[aspect]} ${starsOf(scores[aspect] as number)}`)
    .join(' · ')
}
