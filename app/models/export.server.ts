import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import JSZip from 'jszip'
import type { Case, Tag } from '../../ingest/schema'
import { NONE_FIELDS, PLACE_LEVELS } from '../../ingest/schema'
import { fundingSummary } from '../../ingest/funding-summary'
import { normalPlace } from '../../ingest/extract/place-names'
import { loadVocabulary } from '../../ingest/extract/vocabulary'
import { csvLine } from './compare.server'

/** The structured fields of a case: everything but the text itself and processing notes. */
export function structuredFields(c: Case) {
  return {
    id: c.id,
    title: c.title,
    displayTitle: c.displayTitle,
    published: c.published,
    source: c.source,
    author: c.author,
    editor: c.editor,
    place: c.place,
    models: c.models,
    orgTiers: c.orgTiers,
    orgTierCount: c.orgTierCount,
    funding: c.funding,
    fundingMix: c.fundingMix,
    outcomes: c.outcomes,
    scale: c.scale,
    problems: c.problems,
    mechanisms: c.mechanisms,
    actors: c.actors,
    ...(c.none ? { none: c.none } : {}),
    evidence: c.evidence,
    script: c.script,
    flags: c.flags,
    origin: c.origin,
  }
}

const tags = (list: Tag[]) => list.map((t) => t.id).join('; ')

/** Which empty fields say "none" and which were "not found in the text". */
function emptyFields(c: Case, state: 'none' | 'not-found'): string {
  const empty = NONE_FIELDS.filter((f) => (f === 'orgTiers' ? !c.orgTiers?.length : (c[f] as unknown[]).length === 0 && !(f === 'funding' && c.fundingMix.length)))
  return empty.filter((f) => (c.none?.[f] !== undefined) === (state === 'none')).join('; ')
}

/** A row of an export: the case, and whether a search ranked it below the relevance floor. */
export interface ExportRow {
  c: Case
  match: 'match' | 'weaker' | null
}

/**
 * One column per exported attribute; a new column is a new row here. Places come twice: in one
 * canonical spelling (official full name, simplified) to group by, and as the report wrote them.
 */
const COLUMNS: { name: string; value: (c: Case) => string | number | null | undefined }[] = [
  { name: 'id', value: (c) => c.id },
  { name: 'title', value: (c) => c.displayTitle },
  { name: 'published', value: (c) => c.published },
  { name: 'source_name', value: (c) => c.source.name },
  { name: 'source_url', value: (c) => c.source.url },
  ...PLACE_LEVELS.flatMap((level) => [
    { name: level, value: (c: Case) => (c.place[level] ? normalPlace(level, c.place[level]!) : null) },
    { name: `${level}_as_written`, value: (c: Case) => c.place[level] },
  ]),
  { name: 'models', value: (c) => c.models.join('; ') },
  { name: 'org_tiers', value: (c) => c.orgTiers?.join(' > ') },
  { name: 'org_tier_count', value: (c) => c.orgTierCount },
  { name: 'funding_total_wan', value: (c) => fundingSummary(c).totalWan },
  { name: 'funding', value: (c) => c.funding.map((f) => `${f.source}:${f.amountWan ?? '?'}${f.payer ? `(${f.payer})` : ''}`).join('; ') },
  { name: 'funding_sources', value: (c) => fundingSummary(c).sources.join('; ') },
  { name: 'households', value: (c) => c.scale.households },
  { name: 'population', value: (c) => c.scale.population },
  { name: 'buildings', value: (c) => c.scale.buildings },
  { name: 'area_m2', value: (c) => c.scale.areaM2 },
  { name: 'problems', value: (c) => tags(c.problems) },
  { name: 'mechanisms', value: (c) => tags(c.mechanisms) },
  { name: 'actors', value: (c) => tags(c.actors) },
  { name: 'outcomes', value: (c) => c.outcomes.map((o) => `${o.label} ${o.value}${o.unit}`).join('; ') },
  { name: 'none', value: (c) => emptyFields(c, 'none') },
  { name: 'not_found_in_text', value: (c) => emptyFields(c, 'not-found') },
  { name: 'script', value: (c) => c.script },
  { name: 'flags', value: (c) => c.flags.join('; ') },
]

/** The CSV header line (UTF-8 BOM first, so spreadsheet programs read the Chinese correctly). */
export function csvHeader(withMatch: boolean): string {
  return `\uFEFF${csvLine([...COLUMNS.map((col) => col.name), ...(withMatch ? ['match'] : [])])}\r\n`
}

export function csvRow({ c, match }: ExportRow, withMatch: boolean): string {
  return `${csvLine([...COLUMNS.map((col) => String(col.value(c) ?? '')), ...(withMatch ? [match ?? ''] : [])])}\r\n`
}

/** A case's JSON object in the export, indented to sit inside the top-level array. */
export function jsonEntry({ c, match }: ExportRow): string {
  const place = Object.fromEntries(PLACE_LEVELS.map((level) => [level, c.place[level] ? normalPlace(level, c.place[level]!) : null]))
  const entry = { ...structuredFields(c), placeNormalized: place, ...(match ? { match } : {}) }
  return JSON.stringify(entry, null, 2).replace(/\n/g, '\n  ')
}

/** A stable GUID for a name, so exporting the same corpus twice gives the same project. */
export function guid(name: string): string {
  const h = createHash('sha1').update(name).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // XML 1.0 forbids most control characters even when escaped.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
}

/** REFI-QDA positions count characters (code points); Case spans count UTF-16 units. */
function codePoints(text: string, units: number): number {
  return [...text.slice(0, units)].length
}

const TAG_GROUPS = [
  { key: 'problems', name: 'Problems 问题' },
  { key: 'mechanisms', name: 'Mechanisms 机制' },
  { key: 'actors', name: 'Actors 参与主体' },
] as const

/** Cases read a chunk at a time, in the order of `ids`: what keeps an export's memory flat. */
export async function* inChunks(ids: string[], read: (ids: string[]) => Promise<Case[]>, size = EXPORT_CHUNK): AsyncGenerator<Case[]> {
  for (let i = 0; i < ids.length; i += size) yield await read(ids.slice(i, i + size))
}

/** Cases per read while exporting: big enough that reads are few, small enough to stay a few MB. */
export const EXPORT_CHUNK = 200

/** A stream whose text is produced only when the zip writer reaches it. */
function lazyText(produce: () => Promise<string>): Readable {
  let started = false
  return new Readable({
    read() {
      if (started) return
      started = true
      produce().then(
        (text) => {
          this.push(text)
          this.push(null)
        },
        (error: Error) => this.destroy(error),
      )
    },
  })
}

/** Bodies in the order of `ids`, read a chunk at a time as the zip writer asks for them. */
function bodies(ids: string[], read: (ids: string[]) => Promise<Case[]>): (id: string) => Promise<string> {
  const chunks = inChunks(ids, read)
  let current = new Map<string, string>()
  let at = 0
  return async (id) => {
    if (at % EXPORT_CHUNK === 0) current = new Map(((await chunks.next()).value ?? []).map((c: Case) => [c.id, c.body]))
    at++
    return current.get(id) ?? ''
  }
}

/**
 * project.qde, streamed: the code book (every vocabulary term), the variables, then one pass over
 * the cases for <Cases> and another for <Sources>, each a chunk of cases at a time.
 */
async function* projectXml(ids: string[], read: (ids: string[]) => Promise<Case[]>, created: string): AsyncGenerator<string> {
  const user = guid('casebook:user')
  const variables = COLUMNS.filter((col) => col.name !== 'id' && col.name !== 'title')
  const codeGuid = (group: string, id: string) => guid(`code:${group}:${id}`)
  const vocabulary = loadVocabulary()
  const out: string[] = []
  out.push('<?xml version="1.0" encoding="utf-8"?>')
  out.push(
    `<Project xmlns="urn:QDA-XML:project:1.0" name="Casebook" origin="Casebook" creatingUserGUID="${user}" creationDateTime="${created}">`,
  )
  out.push(`<Users><User guid="${user}" name="Casebook"/></Users>`)
  out.push('<CodeBook><Codes>')
  for (const group of TAG_GROUPS) {
    out.push(`<Code guid="${guid(`codegroup:${group.key}`)}" name="${xml(group.name)}" isCodable="false">`)
    for (const term of vocabulary[group.key]) {
      out.push(`<Code guid="${codeGuid(group.key, term.id)}" name="${xml(term.id)}" isCodable="true"><Description>${xml(term.en)}</Description></Code>`)
    }
    out.push('</Code>')
  }
  out.push('</Codes></CodeBook>')
  out.push('<Variables>')
  for (const col of variables) out.push(`<Variable guid="${guid(`var:${col.name}`)}" name="${xml(col.name)}" typeOfVariable="Text"/>`)
  out.push('</Variables>')
  out.push('<Cases>')
  yield `${out.join('\n')}\n`

  for await (const chunk of inChunks(ids, read)) {
    out.length = 0
    for (const c of chunk) {
      out.push(`<Case guid="${guid(`case:${c.id}`)}" name="${xml(c.id)}"><Description>${xml(c.displayTitle)}</Description>`)
      for (const col of variables) {
        const value = col.value(c)
        if (value === null || value === undefined || value === '') continue
        out.push(`<VariableValue><VariableRef targetGUID="${guid(`var:${col.name}`)}"/><TextValue>${xml(String(value))}</TextValue></VariableValue>`)
      }
      out.push(`<SourceRef targetGUID="${guid(`source:${c.id}`)}"/></Case>`)
    }
    yield `${out.join('\n')}\n`
  }
  yield '</Cases>\n<Sources>\n'

  for await (const chunk of inChunks(ids, read)) {
    out.length = 0
    for (const c of chunk) {
      const source = guid(`source:${c.id}`)
      out.push(
        `<TextSource guid="${source}" name="${xml(`${c.id} ${c.displayTitle}`)}" plainTextPath="internal://${source}.txt" creatingUser="${user}" creationDateTime="${created}">`,
      )
      const seen = new Set<string>()
      for (const group of TAG_GROUPS) {
        for (const tag of c[group.key]) {
          const [start, end] = tag.span
          const selection = guid(`sel:${c.id}:${group.key}:${tag.id}:${start}:${end}`)
          if (c.body.slice(start, end) !== tag.quote || seen.has(selection)) continue
          seen.add(selection)
          out.push(
            `<PlainTextSelection guid="${selection}" name="${xml(tag.quote.slice(0, 60))}" startPosition="${codePoints(c.body, start)}" endPosition="${codePoints(c.body, end)}" creatingUser="${user}" creationDateTime="${created}">` +
              `<Coding guid="${guid(`coding:${selection}`)}" creatingUser="${user}" creationDateTime="${created}"><CodeRef targetGUID="${codeGuid(group.key, tag.id)}"/></Coding></PlainTextSelection>`,
          )
        }
      }
      out.push('</TextSource>')
    }
    yield `${out.join('\n')}\n`
  }
  yield '</Sources>\n</Project>\n'
}

/**
 * The cases of `ids` as a REFI-QDA project (.qdpx: a zip with project.qde and the texts under
 * sources/): each cleaned text is a TextSource, each case a Case with its fields as variable
 * values, and the vocabulary a code book whose codings sit on the sentences they were read from.
 * Streamed: the zip writer pulls each text, then project.qde, as it gets to them.
 */
export function exportQdpx(ids: string[], read: (ids: string[]) => Promise<Case[]>, now = new Date()): NodeJS.ReadableStream {
  const created = now.toISOString().replace(/\.\d{3}Z$/, 'Z')
  const zip = new JSZip()
  const body = bodies(ids, read)
  // Entries dated like the project (not by the clock), so the same cases give the same bytes; the
  // folder too, which JSZip would otherwise add, dated now, with the first file in it.
  zip.file('sources/', null, { dir: true, date: now })
  for (const id of ids) zip.file(`sources/${guid(`source:${id}`)}.txt`, lazyText(() => body(id)), { date: now })
  // Bytes, not strings: JSZip reads string chunks of a stream as binary strings.
  zip.file('project.qde', Readable.from(projectXml(ids, read, created), { objectMode: false }), { date: now })
  return zip.generateNodeStream({ type: 'nodebuffer', streamFiles: true, compression: 'DEFLATE' })
}
