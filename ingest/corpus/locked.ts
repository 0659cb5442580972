import type { Case, Evidence, Message } from '../schema.js'
import { CASE_KEYS } from './format.js'

/** Fields whose parts may be locked one by one ("place.city", "source.url", "none.funding"). */
const OBJECT_FIELDS = new Set(['source', 'place', 'scale', 'origin', 'none'])
/** `none` is optional, so it is not among CASE_KEYS, but a hand-set "none" is locked like any field. */
const LOCKABLE: readonly string[] = [...CASE_KEYS, 'none']

type Json = Record<string, unknown>

function isKnownPath(path: string): boolean {
  const [head, sub, ...rest] = path.split('.')
  if (!LOCKABLE.includes(head) || head === 'locked' || rest.length > 0) return false
  return sub === undefined || OBJECT_FIELDS.has(head)
}

function getPath(c: Case, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Json)[k] : undefined), c)
}

function setPath(c: Case, path: string, value: unknown): void {
  const keys = path.split('.')
  const last = keys.pop()!
  let target = c as unknown as Json
  for (const k of keys) {
    if (!target[k] || typeof target[k] !== 'object') target[k] = {}
    target = target[k] as Json
  }
  if (value === undefined) delete target[last]
  else target[last] = structuredClone(value)
}

function covers(path: string, key: string): boolean {
  return key === path || key.startsWith(`${path}.`)
}

function holds(body: string, e: Evidence): boolean {
  return body.slice(e.span[0], e.span[1]) === e.quote
}

/**
 * Fresh ingest + the stored case → the case to store: every field the stored case lists in
 * `locked` keeps its stored (hand-edited) value; everything else is refreshed.
 */
export function applyLocked(stored: Case, fresh: Case): Case {
  const out = structuredClone(fresh)
  const messages: Message[] = []
  const locked = stored.locked.filter((path) => {
    if (isKnownPath(path)) return true
    messages.push({ stage: 'corpus', rule: 'unknown-locked-field', severity: 'warning', message: `locked field "${path}" is not a Case field; ignored`, file: fresh.origin.file })
    return false
  })
  for (const path of locked) {
    setPath(out, path, getPath(stored, path))
    // Evidence for a locked field is the stored one, as long as it still points into the body.
    for (const key of Object.keys(out.evidence)) if (covers(path, key)) delete out.evidence[key]
    for (const [key, e] of Object.entries(stored.evidence ?? {})) {
      if (covers(path, key) && holds(out.body, e)) out.evidence[key] = e
    }
  }
  const isLocked = (path: string) => locked.some((l) => covers(l, path))
  // A hand-set place level was read by a person, not filled from the gazetteer.
  if (!isLocked('place.inferred')) {
    out.place.inferred = out.place.inferred.filter((level) => !locked.includes(`place.${level}`))
  }
  // A hand-set headline is also the title shown, and the case no longer lacks one.
  if (isLocked('title') && out.title !== null) {
    if (!isLocked('displayTitle')) out.displayTitle = out.title
    if (!isLocked('flags')) out.flags = out.flags.filter((f) => f !== 'no-title')
  }
  // A locked "none" that the stored case no longer has leaves no empty mapping behind.
  if (out.none && Object.keys(out.none).length === 0) delete out.none
  out.locked = [...stored.locked]
  if (!isLocked('messages')) out.messages = [...out.messages, ...messages]
  return out
}
