import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { htmlStream, READER_LEFT } from '~/lib/html-stream.server'
import { NonceContext } from '~/lib/nonce'
import { langCookieFromUrl } from '~/models/lang.server'
import { warmStore as warmSearch } from '~/models/store.server'
import { warmUploads } from '~/models/upload.server'

const ABORT_DELAY = 5_000

// The server (app/server/main.server.ts) calls these: the store lives in the build's modules, so
// the build is where it is warmed once the server listens, and refreshed when another serving
// process wrote a build.
export { refreshStore } from './models/store.server'

/**
 * The store first (the first reader waits for it), then the upload pipeline's tables. The server
 * calls this without waiting, so nothing may escape it: a warm-up that fails leaves the work to
 * the first upload, which reports its own problem.
 */
export async function warmStore(): Promise<void> {
  await warmSearch()
  await warmUploads().catch(() => undefined)
}

/**
 * Remix's default node entry (streaming; bots wait for all data), with the NUL filter. The CSP
 * nonce from the server (app/server) goes on every inline script: Remix's (Scripts,
 * ScrollRestoration, streamed data) and React's own (Suspense boundaries filled in late).
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext = {},
) {
  rememberLang(request, responseHeaders)
  const nonce = loadContext.nonce ?? ''
  const waitForAll = isbot(request.headers.get('user-agent') ?? '') || remixContext.isSpaMode
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const ready = () => {
      shellRendered = true
      responseHeaders.set('Content-Type', 'text/html')
      resolve(new Response(htmlStream(pipe, abort), { headers: responseHeaders, status: responseStatusCode }))
    }
    const app = (
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce || undefined} />
      </NonceContext.Provider>
    )
    const { pipe, abort } = renderToPipeableStream(app, {
      nonce: nonce || undefined,
      onShellReady: waitForAll ? undefined : ready,
      // Once everything is rendered there is nothing left to abort; a timer left to run its 5 s
      // would hold the render and the page's loader data with it (a few hundred pages' worth
      // under load, promoted into the old generation: bench/README "Fourteenth pass").
      onAllReady() {
        clearTimeout(timer)
        if (waitForAll) ready()
      },
      onShellError: reject,
      onError(error: unknown) {
        responseStatusCode = 500
        // Errors before the shell reject above and are logged by Remix; later ones only here.
        if (shellRendered && error !== READER_LEFT) console.error(error)
      },
    })
    timer = setTimeout(abort, ABORT_DELAY)
  })
}

/** `?lang=en` on any page remembers the language, so the next page without it stays English. */
function rememberLang(request: Request, headers: Headers): void {
  const cookie = langCookieFromUrl(request)
  if (cookie) headers.append('Set-Cookie', cookie)
}

export function handleDataRequest(response: Response, { request }: { request: Request }): Response {
  rememberLang(request, response.headers)
  return response
}
