import type { Evidence, Message } from '../schema.js'
import { displayTitle } from './display-title.js'
import { makeDoc } from './document.js'
import { extractFunding, extractFundingMix } from './funding.js'
import { message } from './messages.js'
import { extractModels } from './models.js'
import { extractOrgTiers } from './org-tiers.js'
import { extractOutcomes } from './outcomes.js'
import { extractPlace } from './place.js'
import { extractScale } from './scale.js'
import { extractTags } from './tags.js'
import { DEFAULT_OPTIONS, type ExtractInput, type ExtractOptions, type Extracted } from './types.js'

/** The compound's name as matched on the simplified copy, found in the sentence quoted for it. */
function compoundSimp(doc: ReturnType<typeof makeDoc>, from: number, name: string): string | null {
  const at = doc.body.indexOf(name, from)
  return at >= 0 ? doc.simp.slice(at, at + name.length) : null
}

/** Structured fields of one cleaned report, each with the sentence it came from. Never throws on text. */
export function extract(input: ExtractInput, options: Partial<ExtractOptions> = {}): Extracted {
  const opts = { ...DEFAULT_OPTIONS, ...options }
  const doc = makeDoc(input.body, input.title, input.script, opts.maxSentenceQuote)
  const messages: Message[] = []
  const note = (field: string, severity: 'info' | 'warning', text: string) => messages.push(message(field, severity, text, opts.file))

  const place = extractPlace(doc, opts.inferPlace)
  messages.push(...place.messages.map((m) => (opts.file ? { ...m, file: opts.file } : m)))
  const models = extractModels(doc, opts.maxModels)
  const org = extractOrgTiers(doc)
  const funding = extractFunding(doc)
  const fundingMix = extractFundingMix(doc)
  const outcomes = extractOutcomes(doc)
  const compoundAt = place.place.compound ? place.evidence['place.compound'] : undefined
  const compound = compoundAt && place.place.compound ? compoundSimp(doc, compoundAt.span[0], place.place.compound) : null
  const scale = extractScale(doc, compound)
  const tags = extractTags(doc)

  if (models.models.length === 0) note('models', 'info', 'no quoted model name found')
  if (!org.orgTiers) note('orgTiers', 'info', 'no organisation chain found')
  if (funding.length === 0 && fundingMix.length === 0) note('funding', 'info', 'no funding amount or funding mix found')
  if (outcomes.length === 0) note('outcomes', 'info', 'no quantified outcome found')
  if (Object.keys(scale.scale).length === 0) note('scale', 'info', 'no households, population, buildings or area found')

  const title = displayTitle(doc, input.title, place.place, models.models, opts.displayTitleMax)
  if (!input.title) note('displayTitle', 'info', `no title; derived "${title}"`)

  const evidence: Record<string, Evidence> = { ...place.evidence, ...models.evidence, ...org.evidence, ...scale.evidence }
  return {
    place: place.place,
    models: models.models,
    orgTiers: org.orgTiers,
    orgTierCount: org.orgTierCount,
    funding,
    fundingMix,
    outcomes,
    scale: scale.scale,
    problems: tags.problems,
    mechanisms: tags.mechanisms,
    actors: tags.actors,
    evidence,
    displayTitle: title,
    messages,
  }
}
