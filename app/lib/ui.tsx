import { useLocation, useRouteLoaderData } from '@remix-run/react'
import { isLang, translate, type Lang, type LabelKey } from '~/i18n'

export type DisplayScript = 'orig' | 'simp' | 'trad'
export const DISPLAY_SCRIPTS: DisplayScript[] = ['orig', 'simp', 'trad']

export interface RootData {
  lang: Lang
  adminRequired: boolean
  admin: boolean
  /** The form token of this browser (app/models/csrf.server.ts). */
  csrf: string
  /** A read-only replica: no write forms (app/models/config.server.ts). */
  readOnly: boolean
  /** Case ids in the selection basket (cookie), in the order they were added. */
  basket: string[]
}

export function useRootData(): RootData {
  return (useRouteLoaderData('root') as RootData | undefined) ?? { lang: 'zh', adminRequired: false, admin: true, csrf: '', readOnly: false, basket: [] }
}

export function useLang(): Lang {
  return useRootData().lang
}

export function useT(): (key: LabelKey, vars?: Record<string, string | number>) => string {
  const lang = useLang()
  return (key, vars) => translate(lang, key, vars)
}

export function parseScript(value: string | null | undefined): DisplayScript {
  return value === 'simp' || value === 'trad' ? value : 'orig'
}

/** The display script chosen in the URL (`script=`); report text is converted on the server. */
export function useScript(): DisplayScript {
  const { search } = useLocation()
  return parseScript(new URLSearchParams(search).get('script'))
}

/**
 * The view parameters a page was opened with (`lang`, `script`), which every link and form
 * carries on, so a shared link keeps showing what its sender saw, cookie or not.
 */
export function viewParams(search: string): { lang?: string; script?: string } {
  const params = new URLSearchParams(search)
  const lang = params.get('lang')
  const script = parseScript(params.get('script'))
  return { lang: isLang(lang) ? lang : undefined, script: script === 'orig' ? undefined : script }
}

export function useViewParams(): { lang?: string; script?: string } {
  return viewParams(useLocation().search)
}

/** A link that keeps the page's `lang` and `script`. */
export function useHref(): (path: string, params?: Record<string, string | string[] | undefined>) => string {
  const view = useViewParams()
  return (path, params) => buildHref(path, { ...params, ...view })
}

/** Hidden fields that carry `lang` and `script` through a form (GET forms replace the query). */
export function KeepView() {
  const view = useViewParams()
  return (
    <>
      {view.lang && <input type="hidden" name="lang" value={view.lang} />}
      {view.script && <input type="hidden" name="script" value={view.script} />}
    </>
  )
}

export function buildHref(path: string, params?: Record<string, string | string[] | undefined>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value === undefined || value === '') continue
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, v)
  }
  const qs = search.toString()
  if (!qs) return path
  const [base, hash] = path.split('#')
  return `${base}${base.includes('?') ? '&' : '?'}${qs}${hash !== undefined ? `#${hash}` : ''}`
}

/**
 * An amount in 万元 as written in a message: `n` in 万, `yuan` in 元. The formatters are made once:
 * `toLocaleString` builds one per call, which was the dearest part of rendering a result card.
 */
export function wanParams(amountWan: number): { n: string; yuan: string } {
  return { n: zhNumber.format(amountWan), yuan: enNumber.format(amountWan * 10000) }
}

const zhNumber = new Intl.NumberFormat('zh-CN')
const enNumber = new Intl.NumberFormat('en-US')

export function formatWan(lang: Lang, amountWan: number): string {
  return translate(lang, 'wan', wanParams(amountWan))
}
