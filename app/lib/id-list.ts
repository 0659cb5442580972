/**
 * Lists of case ids in one URL value or cookie (`?ids=a,b`): comma-separated, which keeps shared
 * links short and readable. A case id is a file name and may itself hold a comma (or a percent
 * sign), so those two are escaped inside each id; ids without them read exactly as before.
 */
export function joinIds(ids: readonly string[]): string {
  return ids.map((id) => id.replace(/[%,]/g, (c) => (c === '%' ? '%25' : '%2C'))).join(',')
}

export function splitIds(value: string): string[] {
  return value.split(',').map((part) => part.replace(/%(2C|25)/gi, (m) => (m.toUpperCase() === '%2C' ? ',' : '%')))
}
