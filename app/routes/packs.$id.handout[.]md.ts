import type { LoaderFunctionArgs } from '@remix-run/node'
import { buildHandout, handoutMarkdown } from '~/models/handout.server'
import { langFromRequest } from '~/models/lang.server'
import { loadPack } from '~/models/pack-view.server'
import { parseScript } from '~/lib/ui'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const loaded = await loadPack(params.id ?? '')
  if (!loaded) return new Response('Not Found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  const lang = langFromRequest(request)
  const handout = buildHandout(loaded.pack, loaded.cases, lang, parseScript(new URL(request.url).searchParams.get('script')))
  return new Response(handoutMarkdown(handout, lang), {
    headers: {
      'Content-Type': 'text/markdown; charset=utf-8',
      'Content-Disposition': `inline; filename="handout-${handout.id}.md"`,
    },
  })
}
