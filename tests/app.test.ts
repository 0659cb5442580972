/**
 * Loaders and actions as functions: a real Request in, a Response (or data) out, against a store
 * built from the sample corpus in a temp directory.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import path from 'node:path'
import JSZip from 'jszip'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { buildSampleStore, ROOT, type SampleStore } from './helpers/app-server.js'
import { LOCK_FILE } from '../ingest/index/lock.js'
import { FACET_FIELDS } from '../ingest/search/types.js'
import { reopenStore } from '~/models/store.server'
import { action as caseAction, loader as caseLoader } from '~/routes/cases.$id'
import { loader as compareMd } from '~/routes/compare[.]md'
import { loader as compareCsv } from '~/routes/compare[.]csv'
import { loader as compareLoader } from '~/routes/compare'
import { loader as exportQdpx } from '~/routes/export[.]qdpx'
import { loader as exportCsv } from '~/routes/export[.]csv'
import { loader as exportJson } from '~/routes/export[.]json'
import { loader as langLoader } from '~/routes/lang'
import { loader as searchLoader } from '~/routes/_index'
import { action as packsAction } from '~/routes/packs._index'
import { action as packAction } from '~/routes/packs.$id._index'
import { action as uploadAction } from '~/routes/upload'
import { CSRF_COOKIE, CSRF_FIELD, formToken, newCsrfValue } from '~/models/csrf.server'
import { closePacks, createPack, getPack, listPacks, updatePack, addItem, setNote } from '~/models/packs.server'
import { REPORT } from './fixtures/read/documents.js'
import { makeDoc } from './fixtures/read/doc.js'
import { layoutReport, makePdf } from './fixtures/read/pdf.js'

const FIVE_IN_ONE = '003_94610c8b7224c873'
const JIAFU = '000_c473c47353d0da05'
const BASE = 'http://casebook.test'

let store: SampleStore

const args = (url: string, init?: RequestInit, params: Record<string, string> = {}) => ({
  request: new Request(`${BASE}${url}`, init),
  params,
  context: {},
})

/** A form post as this site's own page sends it: the form-token cookie and the matching field. */
function post(form: FormData | URLSearchParams): RequestInit {
  const value = newCsrfValue()
  form.set(CSRF_FIELD, formToken(value))
  return { method: 'POST', body: form, headers: { Cookie: `${CSRF_COOKIE}=${value}` } }
}

/** What a loader or action threw or returned, as a Response when it is one. */
async function settle(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return await run()
  } catch (thrown) {
    return thrown
  }
}

beforeAll(async () => {
  store = await buildSampleStore()
  process.env.LANCEDB_URI = store.uri
  process.env.CASEBOOK_CASES = store.cases
  process.env.CASEBOOK_RAW = store.raw
})

afterAll(async () => {
  await reopenStore()
  closePacks()
  store.cleanup()
})

describe('given a case id', () => {
  it('returns the case with every sourced value pointing at its quote', async () => {
    const data = await caseLoader(args(`/cases/${JIAFU}`, undefined, { id: JIAFU }))
    const text = data.view.segments.map((s) => s.text).join('')
    for (let n = 1; n <= data.view.quotes; n++) {
      expect(data.view.segments.filter((s) => s.anchors.includes(n))).toHaveLength(1)
    }
    const funding = data.view.rows.find((row) => row.key === 'field_funding')!
    const q = funding.items[0].q!
    const quote = data.view.segments.filter((s) => s.qs.includes(q)).map((s) => s.text).join('')
    expect(quote).toContain('89萬元')
    expect(text.length).toBeGreaterThan(500)
  })

  it('converts the report to simplified script on request, keeping quotes aligned', async () => {
    const data = await caseLoader(args(`/cases/${JIAFU}?script=simp`, undefined, { id: JIAFU }))
    expect(data.title).toContain('嘉福盐业小区')
    const funding = data.view.rows.find((row) => row.key === 'field_funding')!
    const quote = data.view.segments.filter((s) => s.qs.includes(funding.items[0].q!)).map((s) => s.text).join('')
    expect(quote).toContain('89万元')
  })

  it.each(['no_such_case', '../../etc/passwd', "x' OR 1=1 --"])('answers %s with a 404 response', async (id) => {
    const thrown = await settle(() => caseLoader(args(`/cases/${encodeURIComponent(id)}`, undefined, { id })))
    expect(thrown).toBeInstanceOf(Response)
    expect((thrown as Response).status).toBe(404)
  })
})

describe('given a search in the query string', () => {
  it('finds the case and counts facets over the results', async () => {
    const data = await searchLoader(args(`/?q=${encodeURIComponent('五位一體')}`))
    expect(data.error).toBeNull()
    expect(data.hits[0].id).toBe(FIVE_IN_ONE)
    expect(data.hits[0].passage.marks.length).toBeGreaterThan(0)
    expect(data.facets.province?.length).toBeGreaterThan(0)
  })

  it('says what a need-phrased query was understood as, and searches again without a removed part', async () => {
    const q = encodeURIComponent('小区没人管，老人多')
    const data = await searchLoader(args(`/?q=${q}`))
    expect(data.understood.map((n) => n.id)).toEqual(['无物业', '老龄化'])
    expect(data.situation).toBe(true)
    expect(data.removed).toEqual([])
    const without = await searchLoader(args(`/?q=${q}&without=${encodeURIComponent('无物业')}&without=unknown`))
    expect(without.understood.map((n) => n.id)).toEqual(['老龄化'])
    expect(without.removed).toEqual([{ id: '无物业', en: 'no property management' }])
    expect(without.without).toEqual(['无物业', 'unknown'])
  })

  it('lists the commonest values of a facet and every checked one, and opens one facet whole with ?more=', async () => {
    const browsing = await searchLoader(args('/'))
    const field = FACET_FIELDS.find((f) => browsing.facetSizes[f] > 8)!
    expect(field).toBeDefined()
    expect(browsing.more).toBeNull()
    expect(browsing.facets[field]).toHaveLength(8)
    const whole = await searchLoader(args(`/?more=${field}`))
    expect(whole.more).toBe(field)
    expect(whole.facets[field]).toHaveLength(browsing.facetSizes[field])
    // Other facets stay short while one is open.
    for (const other of FACET_FIELDS) if (other !== field) expect(whole.facets[other]?.length ?? 0).toBeLessThanOrEqual(8)
    const rare = whole.facets[field]!.at(-1)!.value
    const checked = await searchLoader(args(`/?${field}=${encodeURIComponent(rare)}`))
    expect(checked.facets[field]?.map((o) => o.value)).toContain(rare)
    expect((await searchLoader(args('/?more=nonsense'))).more).toBeNull()
  })

  it('labels vocabulary facets in English when the page is English', async () => {
    const data = await searchLoader(args('/?lang=en'))
    const labels = (data.facets.problems ?? []).map((o) => o.label)
    expect(labels).toContain('no property management')
    expect(data.facets.fundingSource?.map((o) => o.label)).toContain('Government')
  })
})

describe('given a comparison', () => {
  it('exports a GFM table whose header names both cases', async () => {
    const response = (await compareMd(args(`/compare.md?ids=${FIVE_IN_ONE},${JIAFU}`))) as Response
    expect(response.headers.get('Content-Type')).toContain('text/markdown')
    const text = await response.text()
    const header = text.split('\n').find((line) => line.startsWith('| 字段'))!
    expect(header.split('|').map((c) => c.trim()).filter(Boolean)).toEqual([
      '字段',
      `聯邦新城小區“五位一體”案例 (${FIVE_IN_ONE})`,
      `嘉福鹽業小區:“168”治理模式創新推動老舊小區提升 (${JIAFU})`,
    ])
  })

  it('exports CSV with one row per field, and English labels on request', async () => {
    const text = await ((await compareCsv(args(`/compare.csv?ids=${FIVE_IN_ONE},${JIAFU}&lang=en`))) as Response).text()
    const rows = text.replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(rows[0].startsWith('Field,')).toBe(true)
    expect(rows.find((row) => row.startsWith('Tier count'))).toBe('Tier count,4,3')
  })

  it.each([
    [[FIVE_IN_ONE], 400, '至少需要 2 个'],
    [[FIVE_IN_ONE, JIAFU, '001_b2edf34b0e9d06d0', '002_33ffca132d01dce9', '004_3e2173ad1c9cf50d'], 400, '最多对比 4 个'],
    [[FIVE_IN_ONE, 'nope'], 404, 'nope'],
  ])('refuses %j with a clear message', async (ids, status, message) => {
    const response = (await compareMd(args(`/compare.md?ids=${ids.join(',')}`))) as Response
    expect(response.status).toBe(status)
    expect(await response.text()).toContain(message)
    const page = await compareLoader(args(`/compare?ids=${ids.join(',')}`))
    expect(page.comparison).toBeNull()
    expect(page.problem).not.toBeNull()
  })

  it('marks values every case shares apart from values only one case has', async () => {
    const page = await compareLoader(args(`/compare?ids=${FIVE_IN_ONE},${JIAFU}`))
    const actors = page.comparison!.rows.find((row) => row.key === 'field_actors')!
    const presences = new Set(actors.cells.flatMap((cell) => cell.values.map((v) => v.presence)))
    expect(presences).toEqual(new Set(['shared', 'unique']))
    const tiers = page.comparison!.rows.find((row) => row.key === 'field_orgTiers')!
    expect(tiers.kind).toBe('ladder')
  })
})

describe('given the dataset exports', () => {
  it('writes a REFI-QDA project whose sources are the cleaned texts', async () => {
    const response = (await exportQdpx(args('/export.qdpx'))) as Response
    const zip = await JSZip.loadAsync(await response.arrayBuffer())
    const qde = await zip.file('project.qde')!.async('string')
    expect(qde).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<Project xmlns="urn:QDA-XML:project:1.0"/)
    for (const element of ['<Users>', '<CodeBook><Codes>', '<Variables>', '<Cases>', '<Sources>']) expect(qde).toContain(element)
    const sources = [...qde.matchAll(/<TextSource guid="([^"]+)" name="([^"]+)" plainTextPath="internal:\/\/([^"]+)\.txt"/g)]
    expect(sources).toHaveLength(5)
    for (const [, guid, , file] of sources) {
      expect(file).toBe(guid)
      expect(zip.file(`sources/${guid}.txt`)).not.toBeNull()
    }
    const five = sources.find(([, , name]) => name.startsWith(FIVE_IN_ONE))!
    const text = await zip.file(`sources/${five[1]}.txt`)!.async('string')
    expect(text).toContain('五位一體')
    // Every coded selection lies inside its source text (positions count characters).
    for (const match of qde.matchAll(/startPosition="(\d+)" endPosition="(\d+)"/g)) expect(Number(match[2])).toBeGreaterThan(Number(match[1]))
    expect(qde).toMatch(/<Case guid="[^"]+" name="003_94610c8b7224c873"><Description>[^<]+<\/Description>\s*<VariableValue><VariableRef targetGUID="[^"]+"\/><TextValue>/)
  })

  it('writes the same REFI-QDA bytes for the same build, whenever it is asked (its ETag says so)', async () => {
    const at = async (time: string) => {
      vi.setSystemTime(new Date(time))
      return Buffer.from(await ((await exportQdpx(args('/export.qdpx'))) as Response).arrayBuffer())
    }
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      expect((await at('2030-01-01T09:30:00Z')).equals(await at('2030-01-01T08:00:00Z'))).toBe(true)
    } finally {
      vi.useRealTimers()
    }
  })

  it('exports every case as CSV and JSON', async () => {
    const csv = await ((await exportCsv(args('/export.csv'))) as Response).text()
    expect(csv.replace(/^\uFEFF/, '').trim().split('\r\n')).toHaveLength(6)
    const json = JSON.parse(await ((await exportJson(args('/export.json'))) as Response).text()) as { id: string; funding: unknown[]; body?: string }[]
    expect(json.map((c) => c.id).sort()).toEqual(readdirSync(store.cases).map((f) => f.replace(/\.md$/, '')).sort())
    expect(json.find((c) => c.id === JIAFU)!.funding).toHaveLength(2)
    expect(json[0].body).toBeUndefined()
  })
})

describe('given an export of what the search page shows', () => {
  const csvRows = async (query: string) => {
    const text = await ((await exportCsv(args(`/export.csv?${query}`))) as Response).text()
    const [head, ...rows] = text.replace(/^\uFEFF/, '').trim().split('\r\n')
    const names = head.split(',')
    // The sample corpus has no comma inside a cell before the place columns.
    return rows.map((row) => Object.fromEntries(row.split(',').map((cell, i) => [names[i], cell])))
  }

  it('keeps the filters: the rows are the cases the page lists, in its order', async () => {
    const query = `province=${encodeURIComponent('福建省')}`
    const page = await searchLoader(args(`/?${query}`))
    const rows = await csvRows(query)
    expect(rows.map((r) => r.id)).toEqual(page.hits.map((h) => h.id))
    expect(rows.length).toBe(2)
  })

  it('keeps the query and says which rows are weaker matches', async () => {
    const query = `q=${encodeURIComponent('五位一体')}`
    const page = await searchLoader(args(`/?${query}`))
    const rows = await csvRows(query)
    expect(rows.map((r) => r.id)).toEqual(page.hits.map((h) => h.id))
    expect(rows.map((r) => r.match)).toEqual(page.hits.map((h) => (h.weak ? 'weaker' : 'match')))
  })

  it('keeps the needs a search was told to leave out, as the page does', async () => {
    const query = `q=${encodeURIComponent('小区没人管，老人多')}&without=${encodeURIComponent('无物业')}`
    const page = await searchLoader(args(`/?${query}`))
    expect(page.understood.map((n) => n.id)).toEqual(['老龄化'])
    const rows = await csvRows(query)
    expect(rows.map((r) => r.id)).toEqual(page.hits.map((h) => h.id))
    expect(rows.map((r) => r.match)).toEqual(page.hits.map((h) => (h.weak ? 'weaker' : 'match')))
  })

  it('writes places in one canonical spelling beside the spelling the report used', async () => {
    const rows = await csvRows('')
    const jiafu = rows.find((r) => r.id === JIAFU)!
    expect([jiafu.city, jiafu.city_as_written]).toEqual(['厦门市', '廈門'])
    expect([jiafu.district, jiafu.district_as_written]).toEqual(['湖里区', '湖里區'])
  })

  it('tells fields not found in the text from fields stated as none', async () => {
    const rows = await csvRows('')
    const jiafu = rows.find((r) => r.id === JIAFU)!
    expect(jiafu.funding_total_wan).not.toBe('')
    expect(jiafu.none).toBe('')
    expect(rows.some((r) => r.not_found_in_text.includes('funding'))).toBe(true)
  })

  it('streams JSON as one array, with the normalised places beside the written ones', async () => {
    const json = JSON.parse(await ((await exportJson(args(`/export.json?province=${encodeURIComponent('福建')}`))) as Response).text()) as {
      id: string
      place: { city: string }
      placeNormalized: { city: string }
    }[]
    expect(json).toHaveLength(2)
    const jiafu = json.find((c) => c.id === JIAFU)!
    expect([jiafu.place.city, jiafu.placeNormalized.city]).toEqual(['廈門', '厦门市'])
  })
})

describe('given course packs in the store', () => {
  it('keeps both edits when two app replicas edit different packs at the same time', async () => {
    // Two URIs for one directory: two independent LanceDB connections, like two processes.
    const a = store.uri
    const b = `${store.uri}/.`
    const [first, second] = await Promise.all([createPack('甲', a), createPack('乙', b)])
    await Promise.all([
      ...[JIAFU, FIVE_IN_ONE].map((id) => updatePack(first.id, (p) => addItem(p, id), a)),
      ...['001_b2edf34b0e9d06d0', '002_33ffca132d01dce9'].map((id) => updatePack(second.id, (p) => addItem(p, id), b)),
      updatePack(first.id, (p) => (p.name = '甲（改）'), b),
    ])
    closePacks()
    const reread = await listPacks(a)
    const one = reread.find((p) => p.id === first.id)!
    const two = reread.find((p) => p.id === second.id)!
    expect(one.name).toBe('甲（改）')
    expect(one.items.map((i) => i.caseId).sort()).toEqual([FIVE_IN_ONE, JIAFU].sort())
    expect(two.items.map((i) => i.caseId).sort()).toEqual(['001_b2edf34b0e9d06d0', '002_33ffca132d01dce9'])
  })

  it('changes one row per write, so other packs keep their exact contents', async () => {
    const keep = await createPack('不动')
    await updatePack(keep.id, (p) => addItem(p, JIAFU))
    const before = await getPack(keep.id)
    const other = await createPack('改动')
    await updatePack(other.id, (p) => addItem(p, FIVE_IN_ONE))
    await updatePack(other.id, (p) => setNote(p, FIVE_IN_ONE, '备注'))
    expect(await getPack(keep.id)).toEqual(before)
  })

  it('refuses a nameless pack with a field error', async () => {
    const result = await packsAction(args('/packs', post(new URLSearchParams({ name: '  ' }))))
    expect(result).toMatchObject({ init: { status: 400 } })
  })
})

describe('given CASEBOOK_ADMIN_TOKEN is set', () => {
  afterEach(() => {
    delete process.env.CASEBOOK_ADMIN_TOKEN
  })

  it('refuses writes without the token and accepts them with it', async () => {
    process.env.CASEBOOK_ADMIN_TOKEN = 's3cret'
    const count = (await listPacks()).length
    const refused = await settle(() => packsAction(args('/packs', post(new URLSearchParams({ name: '未授权' })))))
    expect(refused).toMatchObject({ init: { status: 401 } })
    expect(await listPacks()).toHaveLength(count)
    const accepted = (await packsAction(args('/packs', post(new URLSearchParams({ name: '授权', token: 's3cret' }))))) as Response
    expect(accepted.status).toBe(302)
    expect(await listPacks()).toHaveLength(count + 1)
  })
})

describe('given CASEBOOK_READONLY=1 (a replica)', () => {
  afterEach(() => {
    delete process.env.CASEBOOK_READONLY
  })

  it('refuses every write with a 403 naming the writer, and changes nothing', async () => {
    const pack = await createPack('副本前')
    process.env.CASEBOOK_READONLY = '1'
    const packs = await listPacks()
    const files = readdirSync(store.cases).sort()
    const upload = new FormData()
    upload.set('intent', 'save')
    upload.set('file', new File([Buffer.from('长乐里小区成立议事会\n\n长乐里小区每月召开议事会。')], 'changleli.txt'))
    const writes = [
      () => uploadAction(args('/upload', post(upload))),
      () => packsAction(args('/packs', post(new URLSearchParams({ name: '副本上' })))),
      () => packAction(args(`/packs/${pack.id}`, post(new URLSearchParams({ intent: 'delete' })), { id: pack.id })),
      () => caseAction(args(`/cases/${JIAFU}`, post(new URLSearchParams({ pack: pack.id })), { id: JIAFU })),
    ]
    for (const write of writes) {
      expect(await settle(write)).toMatchObject({ init: { status: 403 }, data: { message: expect.stringContaining('只读副本') } })
    }
    await expect(createPack('直接')).rejects.toThrow(/read-only replica/)
    expect(await listPacks()).toEqual(packs)
    expect(readdirSync(store.cases).sort()).toEqual(files)
  })

  it('reads a store the writer has made no packs in as no packs, and creates no table', async () => {
    process.env.CASEBOOK_READONLY = '1'
    const empty = mkdtempSync(path.join(tmpdir(), 'casebook-replica-'))
    try {
      expect(await listPacks(empty)).toEqual([])
      expect(await getPack('0123456789ab', empty)).toBeNull()
      expect(readdirSync(empty)).toEqual([])
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  })
})

describe('given an upload', () => {
  const cases = () => readdirSync(store.cases).sort()

  function multipart(name: string, bytes: Uint8Array, intent: string): RequestInit {
    const form = new FormData()
    form.set('intent', intent)
    form.set('file', new File([Buffer.from(bytes)], name))
    return post(form)
  }

  it('refuses a PNG renamed .txt and changes nothing', async () => {
    const before = cases()
    const bytes = readFileSync(path.join(ROOT, 'tests/fixtures/app/image_renamed.txt'))
    const result = await uploadAction(args('/upload', multipart('image_renamed.txt', bytes, 'save')))
    expect(result).toMatchObject({ init: { status: 400 }, data: { error: expect.stringContaining('not a text file (PNG image)') } })
    expect(cases()).toEqual(before)
  })

  it('previews a text PDF and a Word .doc like any report, writing nothing', async () => {
    const before = cases()
    const pdf = makePdf(layoutReport({ title: REPORT.title, paragraphs: REPORT.paragraphs, runningHead: REPORT.runningHead, folio: (n) => `- ${n} -`, linesPerPage: 5 }))
    const doc = makeDoc({ paragraphs: [REPORT.headline, ...REPORT.paragraphs] })
    for (const [name, bytes] of [['huaiyin_brief.pdf', pdf], ['huaiyin_brief.doc', doc]] as const) {
      const result = (await uploadAction(args('/upload', multipart(name, bytes, 'preview')))) as { preview: { id: string; title: string } }
      expect(result.preview).toMatchObject({ id: 'huaiyin_brief', title: REPORT.headline })
    }
    expect(cases()).toEqual(before)
  })

  it('refuses a scanned PDF, saying it needs OCR, and changes nothing', async () => {
    const before = cases()
    const result = await uploadAction(args('/upload', multipart('scan.pdf', makePdf([{ texts: [], image: true }]), 'save')))
    expect(result).toMatchObject({ init: { status: 400 }, data: { error: expect.stringContaining('scan.pdf: no text layer (a scanned or image-only PDF); it needs OCR') } })
    expect(cases()).toEqual(before)
  })

  it('refuses a file over 20 MB before reading it, and changes nothing', async () => {
    const before = cases()
    const bytes = new Uint8Array(20 * 1024 * 1024 + 10).fill(0x41)
    const result = await uploadAction(args('/upload', multipart('huge.txt', bytes, 'save')))
    expect(result).toMatchObject({ init: { status: 413 }, data: { error: expect.stringContaining('20 MB') } })
    expect(cases()).toEqual(before)
  })

  it('previews without writing, then saves the case file and the raw report', async () => {
    const bytes = readFileSync(path.join(ROOT, 'tests/fixtures/app/upload_xinyuan.html'))
    const before = cases()
    const preview = (await uploadAction(args('/upload', multipart('upload_xinyuan.html', bytes, 'preview')))) as { preview: { staged: string; id: string } }
    expect(preview.preview.id).toBe('upload_xinyuan')
    expect(cases()).toEqual(before)
    const form = new FormData()
    form.set('intent', 'save')
    form.set('staged', preview.preview.staged)
    const saved = (await uploadAction(args('/upload', post(form)))) as Response
    expect(saved.status).toBe(302)
    expect(saved.headers.get('Location')).toBe('/cases/upload_xinyuan')
    expect(cases()).toEqual([...before, 'upload_xinyuan.md'].sort())
    expect(existsSync(path.join(store.raw, 'upload_xinyuan.html'))).toBe(true)
    const found = await searchLoader(args(`/?q=${encodeURIComponent('睦邻议事坊')}`))
    expect(found.hits[0].id).toBe('upload_xinyuan')
  })

  it('while another ingest holds the store, keeps the case file and says it is not searchable yet', async () => {
    const bytes = new TextEncoder().encode('幸福里小区成立楼道议事角\n\n幸福里小区在每个单元设立楼道议事角，居民就加装扶手、楼道照明等小事当面协商。')
    const lock = path.join(store.uri, LOCK_FILE)
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }))
    try {
      const busy = await uploadAction(args('/upload', multipart('xingfuli.txt', bytes, 'save')))
      expect(busy).toMatchObject({ init: { status: 409 }, data: { error: expect.stringContaining('xingfuli') } })
      expect(cases()).toContain('xingfuli.md')
      expect((await searchLoader(args(`/?q=${encodeURIComponent('楼道议事角')}`))).hits.map((h) => h.id)).not.toContain('xingfuli')
    } finally {
      unlinkSync(lock)
    }
    const saved = (await uploadAction(args('/upload', multipart('xingfuli.txt', bytes, 'save')))) as Response
    expect(saved.status).toBe(302)
    expect((await searchLoader(args(`/?q=${encodeURIComponent('楼道议事角')}`))).hits[0].id).toBe('xingfuli')
  })
})

describe('given the language switch', () => {
  it('remembers the language in a cookie and goes back to a same-site path only', async () => {
    const ok = (await langLoader(args('/lang?to=en&next=/compare?ids=a,b'))) as Response
    expect(ok.headers.get('Location')).toBe('/compare?ids=a,b')
    expect(ok.headers.get('Set-Cookie')).toContain('casebook_lang=en')
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      const off = (await langLoader(args(`/lang?to=en&next=${encodeURIComponent(next)}`))) as Response
      expect(off.headers.get('Location')).toBe('/')
    }
  })
})
