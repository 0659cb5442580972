import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportResponse } from '~/models/export-response.server'

export const loader = ({ request }: LoaderFunctionArgs) => exportResponse(request, 'json')
