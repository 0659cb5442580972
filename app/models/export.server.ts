import { createHash } from 'node:crypto'
import JSZip from 'jszip'
import type { Case, Tag } from '../../ingest/schema'
import { PLACE_LEVELS } from '../../ingest/schema'
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
    evidence: c.evidence,
    script: c.script,
    flags: c.flags,
    origin: c.origin,
  }
}

export function exportJson(cases: Case[]): string {
  return `${JSON.stringify(cases.map(structuredFields), null, 2)}\n`
}

const tags = (list: Tag[]) => list.map((t) => t.id).join('; ')

/** One column per exported attribute; a new column is a new row here. */
const COLUMNS: { name: string; value: (c: Case) => string | number | null | undefined }[] = [
  { name: 'id', value: (c) => c.id },
  { name: 'title', value: (c) => c.displayTitle },
  { name: 'published', value: (c) => c.published },
  { name: 'source_name', value: (c) => c.source.name },
  { name: 'source_url', value: (c) => c.source.url },
  ...PLACE_LEVELS.map((level) => ({ name: level, value: (c: Case) => c.place[level] })),
  { name: 'models', value: (c) => c.models.join('; ') },
  { name: 'org_tiers', value: (c) => c.orgTiers?.join(' > ') },
  { name: 'org_tier_count', value: (c) => c.orgTierCount },
  { name: 'funding_total_wan', value: (c) => (c.funding.some((f) => f.amountWan !== null) ? c.funding.reduce((s, f) => s + (f.amountWan ?? 0), 0) : null) },
  { name: 'funding', value: (c) => c.funding.map((f) => `${f.source}:${f.amountWan ?? '?'}${f.payer ? `(${f.payer})` : ''}`).join('; ') },
  { name: 'funding_sources', value: (c) => [...new Set([...c.funding.map((f) => f.source), ...c.fundingMix.flatMap((m) => m.sources)])].join('; ') },
  { name: 'households', value: (c) => c.scale.households },
  { name: 'population', value: (c) => c.scale.population },
  { name: 'buildings', value: (c) => c.scale.buildings },
  { name: 'area_m2', value: (c) => c.scale.areaM2 },
  { name: 'problems', value: (c) => tags(c.problems) },
  { name: 'mechanisms', value: (c) => tags(c.mechanisms) },
  { name: 'actors', value: (c) => tags(c.actors) },
  { name: 'outcomes', value: (c) => c.outcomes.map((o) => `${o.label} ${o.value}${o.unit}`).join('; ') },
  { name: 'script', value: (c) => c.script },
  { name: 'flags', value: (c) => c.flags.join('; ') },
]

export function exportCsv(cases: Case[]): string {
  const lines = [csvLine(COLUMNS.map((col) => col.name))]
  for (const c of cases) lines.push(csvLine(COLUMNS.map((col) => String(col.value(c) ?? ''))))
  return `\uFEFF${lines.join('\r\n')}\r\n`
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

/**
 * The corpus as a REFI-QDA project (.qdpx: a zip with project.qde and the texts under sources/):
 * each cleaned text is a TextSource, each case a Case with its fields as variable values, and the
 * vocabulary tags a code book whose codings sit on the sentences they were read from.
 */
export async function exportQdpx(cases: Case[], now = new Date()): Promise<Uint8Array> {
  const created = now.toISOString().replace(/\.\d{3}Z$/, 'Z')
  const user = guid('casebook:user')
  const variables = COLUMNS.filter((col) => col.name !== 'id' && col.name !== 'title')
  const codeGuid = (group: string, id: string) => guid(`code:${group}:${id}`)
  const codes = new Map<string, Map<string, string>>()
  for (const group of TAG_GROUPS) codes.set(group.key, new Map())
  for (const c of cases) for (const group of TAG_GROUPS) for (const tag of c[group.key]) codes.get(group.key)!.set(tag.id, tag.en)

  const zip = new JSZip()
  const out: string[] = []
  out.push('<?xml version="1.0" encoding="utf-8"?>')
  out.push(
    `<Project xmlns="urn:QDA-XML:project:1.0" name="Casebook" origin="Casebook" creatingUserGUID="${user}" creationDateTime="${created}">`,
  )
  out.push(`<Users><User guid="${user}" name="Casebook"/></Users>`)
  out.push('<CodeBook><Codes>')
  for (const group of TAG_GROUPS) {
    out.push(`<Code guid="${guid(`codegroup:${group.key}`)}" name="${xml(group.name)}" isCodable="false">`)
    for (const [id, en] of codes.get(group.key)!) {
      out.push(`<Code guid="${codeGuid(group.key, id)}" name="${xml(id)}" isCodable="true"><Description>${xml(en)}</Description></Code>`)
    }
    out.push('</Code>')
  }
  out.push('</Codes></CodeBook>')
  out.push('<Variables>')
  for (const col of variables) out.push(`<Variable guid="${guid(`var:${col.name}`)}" name="${xml(col.name)}" typeOfVariable="Text"/>`)
  out.push('</Variables>')

  out.push('<Cases>')
  for (const c of cases) {
    out.push(`<Case guid="${guid(`case:${c.id}`)}" name="${xml(c.id)}"><Description>${xml(c.displayTitle)}</Description>`)
    for (const col of variables) {
      const value = col.value(c)
      if (value === null || value === undefined || value === '') continue
      out.push(`<VariableValue><VariableRef targetGUID="${guid(`var:${col.name}`)}"/><TextValue>${xml(String(value))}</TextValue></VariableValue>`)
    }
    out.push(`<SourceRef targetGUID="${guid(`source:${c.id}`)}"/></Case>`)
  }
  out.push('</Cases>')

  out.push('<Sources>')
  for (const c of cases) {
    const source = guid(`source:${c.id}`)
    zip.file(`sources/${source}.txt`, c.body)
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
  out.push('</Sources>')
  out.push('</Project>')
  zip.file('project.qde', out.join('\n'))
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })
}
