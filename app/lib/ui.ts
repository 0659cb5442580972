import { useLocation, useRouteLoaderData } from '@remix-run/react'
import { translate, type Lang, type LabelKey } from '~/i18n'

export type DisplayScript = 'orig' | 'simp' | 'trad'
export const DISPLAY_SCRIPTS: DisplayScript[] = ['orig', 'simp', 'trad']

interface RootData {
  lang: Lang
  adminRequired: boolean
  admin: boolean
  /** The form token of this browser (app/models/csrf.server.ts). */
  csrf: string
  /** A read-only replica: no write forms (app/models/config.server.ts). */
  readOnly: boolean
}

export function useRootData(): RootData {
  return (useRouteLoaderData('root') as RootData | undefined) ?? { lang: 'zh', adminRequired: false, admin: true, csrf: '', readOnly: false }
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

/** A link that keeps the chosen display script, so a shared link shows what its sender saw. */
export function useHref(): (path: string, params?: Record<string, string | string[] | undefined>) => string {
  const script = useScript()
  return (path, params) => buildHref(path, { ...params, script: script === 'orig' ? undefined : script })
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

export function formatWan(lang: Lang, amountWan: number): string {
  return translate(lang, 'wan', { n: amountWan.toLocaleString('zh-CN'), yuan: (amountWan * 10000).toLocaleString('en-US') })
}
