import type { FacetField } from '../../ingest/search/types'

/** What a group of cases can be defined by, and how many groups a matrix holds (page and server share them). */
export const GROUP_FIELDS: FacetField[] = ['model', 'province', 'city', 'district', 'problems', 'mechanisms', 'actors', 'fundingSource', 'year']
export const MAX_GROUPS = 4
