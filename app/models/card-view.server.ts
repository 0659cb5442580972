import type { Case } from '../../ingest/schema'
import { PLACE_LEVELS } from '../../ingest/schema'
import { fundingSummary, type FundingSummary } from '../../ingest/funding-summary'
import type { Lang } from '~/i18n'
import type { DisplayScript } from '~/lib/ui'
import { withGloss, withPinyin } from './gloss.server'
import { converter } from './script.server'

/** What a list of cases shows of each: title, place, date, model names, funding at a glance. */
export interface CardView {
  id: string
  title: string
  place: string
  published: string | null
  models: string[]
  funding: FundingSummary | null
}

/** The place as a line, in the display script; in English each level with its pinyin. */
export function placeLine(place: Case['place'], lang: Lang, script: DisplayScript): string {
  const convert = converter(script)
  return PLACE_LEVELS.map((level) => place[level])
    .filter((v): v is string => !!v)
    .map((v) => withPinyin(convert(v), lang === 'en'))
    .join(' · ')
}

export function modelNames(models: string[], lang: Lang, script: DisplayScript): string[] {
  const convert = converter(script)
  return models.map((m) => withGloss(convert(m), lang === 'en'))
}

export function cardView(c: Case, lang: Lang, script: DisplayScript): CardView {
  return {
    id: c.id,
    title: converter(script)(c.displayTitle),
    place: placeLine(c.place, lang, script),
    published: c.published,
    models: modelNames(c.models, lang, script),
    funding: fundingSummary(c),
  }
}
