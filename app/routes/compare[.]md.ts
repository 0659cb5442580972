import type { LoaderFunctionArgs } from '@remix-run/node'
import { translate } from '~/i18n'
import { comparisonMarkdown, loadComparison, parseIds } from '~/models/compare.server'
import { langFromRequest } from '~/models/lang.server'
import { parseScript } from '~/lib/ui'

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const lang = langFromRequest(request)
  const { comparison, problem } = await loadComparison(parseIds(url), lang, parseScript(url.searchParams.get('script')))
  if (!comparison) {
    return new Response(`${translate(lang, problem!.key, problem!.vars)}\n`, {
      status: problem!.key === 'compareMissing' ? 404 : 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  }
  return new Response(comparisonMarkdown(comparison, lang), {
    headers: {
      'Content-Type': 'text/markdown; charset=utf-8',
      'Content-Disposition': 'inline; filename="comparison.md"',
    },
  })
}
