// What a rating shows: the aspects' names and a line of stars. Apart from rating.ts (the rules),
// because the order page in the main package needs only this.

export const RATING_ASPECT_LABELS = { quality: '质量', fit: '合身', onTime: '准时' } as const
export type RatingAspect = keyof typeof RATING_ASPECT_LABELS
export const RATING_ASPECTS = Object.keys(RATING_ASPECT_LABELS) as RatingAspect[]

/** Stars per aspect: 1 to this many. */
export const RATING_STARS = 5

/** ["质量 ★★★★★", "准时 ★★★★☆"]: filled to each score, 合身 left out when it was not asked. */
export function ratingLines(scores: Partial<Record<RatingAspect, number | null>>): string[] {
  return RATING_ASPECTS.filter((aspect) => scores[aspect]).map((aspect) => {
    const score = scores[aspect] as number
    return `${RATING_ASPECT_LABELS[aspect]} ${'★'.repeat(score)}${'☆'.repeat(RATING_STARS - score)}`
  })
}
