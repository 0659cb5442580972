import { processReport } from '../pipeline.js'
import { problemOf } from '../corpus/index.js'
import { PLACE_LEVELS, type Case } from '../schema.js'
import { parse, reportFailure, usageError, UsageError } from './args.js'

const USAGE = 'usage: casebook extract --json FILE...'

function summary(c: Case): string {
  const place = PLACE_LEVELS.map((level) => c.place[level]).filter(Boolean).join(' ')
  return [`${c.id}  ${c.displayTitle}`, `  ${c.published ?? '—'}  ${place || '—'}`, `  models: ${c.models.join(', ') || '—'}  funding: ${c.funding.length}  outcomes: ${c.outcomes.length}  removed: ${c.removed.length}`].join('\n')
}

/** Reports → cases on stdout (JSON array with --json, a short summary without). Writes nothing. */
export async function run(argv: string[]): Promise<number> {
  let args
  try {
    args = parse(argv, { json: { type: 'boolean' } }, true)
  } catch (e) {
    if (e instanceof UsageError) return usageError(`${e.message}\n${USAGE}`)
    throw e
  }
  if (args.positionals.length === 0) return usageError(`no files given\n${USAGE}`)
  const cases: Case[] = []
  let failed = 0
  for (const file of args.positionals) {
    try {
      cases.push(await processReport(file))
    } catch (err) {
      failed++
      reportFailure(problemOf(file, err))
    }
  }
  process.stdout.write(args.values.json ? `${JSON.stringify(cases, null, 2)}\n` : cases.map(summary).join('\n\n') + (cases.length ? '\n' : ''))
  return failed > 0 ? 1 : 0
}
