import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import {
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import { translate, type Lang } from '~/i18n'
import { adminRequired, isAdmin } from '~/models/auth.server'
import { readOnly } from '~/models/config.server'
import { basketFromRequest } from '~/models/basket.server'
import { csrfValue, formToken } from '~/models/csrf.server'
import { useNonce } from '~/lib/nonce'
import { langFromRequest } from '~/models/lang.server'
import { DISPLAY_SCRIPTS, buildHref, parseScript, useRootData, useT, viewParams, type DisplayScript, type RootData, useHref } from '~/lib/ui'
import appCss from '~/styles/app.css'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: appCss },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader({ request, context }: LoaderFunctionArgs): Promise<RootData> {
  const csrf = formToken(context.csrf ?? csrfValue(request.headers.get('Cookie')))
  return { lang: langFromRequest(request), adminRequired: adminRequired(), admin: isAdmin(request), csrf, readOnly: readOnly(), basket: basketFromRequest(request) }
}

const NAV = [
  { to: '/', key: 'navSearch', end: true },
  { to: '/compare', key: 'navCompare', end: false },
  { to: '/packs', key: 'navPacks', end: false },
  { to: '/overview', key: 'navOverview', end: false },
  { to: '/upload', key: 'navUpload', end: false },
] as const

const SCRIPT_LABEL = { orig: 'scriptOrig', simp: 'scriptSimp', trad: 'scriptTrad' } as const

function Header({ lang, readOnly }: { lang: Lang; readOnly: boolean }) {
  const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate(lang, key, vars)
  const location = useLocation()
  const params = new URLSearchParams(location.search)
  params.delete('lang')
  const current = `${location.pathname}${params.size ? `?${params}` : ''}`
  const other: Lang = lang === 'zh' ? 'en' : 'zh'
  const script = parseScript(params.get('script'))
  const view = viewParams(location.search)
  const { basket } = useRootData()
  const scriptHref = (value: DisplayScript) => {
    const next = new URLSearchParams(params)
    if (value === 'orig') next.delete('script')
    else next.set('script', value)
    return `${location.pathname}${next.size ? `?${next}` : ''}`
  }
  return (
    <header className="site-header">
      <div className="bar">
        <Link to={buildHref('/', view)} className="brand">
          <span className="brand-mark" aria-hidden="true">案</span>
          <span>{t('appName')}</span>
        </Link>
        <nav aria-label={t('mainNav')} className="main-nav">
          <ul>
            {NAV.filter((item) => !(readOnly && item.to === '/upload')).map((item) => (
              <li key={item.to}>
                <NavLink to={buildHref(item.to, view)} end={item.end} prefetch="intent">
                  {t(item.key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <NavLink to={buildHref('/basket', view)} className="basket-link" aria-label={t('selectionCount', { n: basket.length })}>
          {t('navSelection')} <span className="basket-count">{basket.length}</span>
        </NavLink>
        <div className="toggles">
          <nav aria-label={t('displayScript')} className="script-toggle">
            {DISPLAY_SCRIPTS.map((value) => (
              <Link
                key={value}
                to={scriptHref(value)}
                aria-current={value === script ? 'true' : undefined}
                className={value === script ? 'on' : undefined}
                preventScrollReset
              >
                {t(SCRIPT_LABEL[value])}
              </Link>
            ))}
          </nav>
          <a
            className="lang-toggle"
            href={buildHref('/lang', { to: other, next: current })}
            hrefLang={other === 'zh' ? 'zh-CN' : 'en'}
            lang={other === 'zh' ? 'zh-CN' : 'en'}
            aria-label={t('switchToOtherLabel')}
          >
            {t('switchToOther')}
          </a>
        </div>
      </div>
    </header>
  )
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root')
  const nonce = useNonce()
  const lang: Lang = data?.lang ?? 'zh'
  return (
    <html lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a href="#main" className="skip-link">
          {translate(lang, 'skipToContent')}
        </a>
        <Header lang={lang} readOnly={data?.readOnly ?? false} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>{translate(lang, 'footer')}</p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  const error = useRouteError()
  const t = useT()
  const href = useHref()
  if (isRouteErrorResponse(error)) {
    const message = typeof error.data === 'object' && error.data && 'message' in error.data ? String(error.data.message) : null
    return (
      <div className="page narrow">
        <h1>{error.status === 404 ? t('notFoundTitle') : `${error.status} ${t('errorTitle')}`}</h1>
        <p>{message ?? (error.status === 404 ? t('notFoundBody') : error.statusText)}</p>
        <p>
          <Link to={href('/')}>{t('backToSearch')}</Link>
        </p>
      </div>
    )
  }
  return (
    <div className="page narrow">
      <h1>{t('errorTitle')}</h1>
      <p>{error instanceof Error ? error.message : String(error)}</p>
    </div>
  )
}
