import type { LoaderFunctionArgs } from '@remix-run/node'
import { comparisonDownload } from '~/models/compare.server'

export const loader = ({ request }: LoaderFunctionArgs) => comparisonDownload(request, 'csv')
