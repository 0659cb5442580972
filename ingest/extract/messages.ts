import type { Message, Severity } from '../schema.js'

/** A message about one field: rule `extract:<field>`. */
export function message(field: string, severity: Severity, text: string, file?: string): Message {
  return { stage: 'extract', rule: `extract:${field}`, severity, message: text, ...(file ? { file } : {}) }
}
