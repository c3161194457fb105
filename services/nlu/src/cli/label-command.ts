/**
 * `parley label --as INTENT [filters]`: the messages the audit filters select (predictions only: what users said)
 * become training phrases of INTENT. The dialogue service writes them into its bot's definition file
 * (POST /v1/training-phrases), or, for a TypeScript bot without one, answers the lines to paste, which this prints.
 * `--print` only prints the selected texts, one JSON string a line, and writes nothing.
 */
import { parseArgs } from 'node:util';
import type { CliConfig } from '../config';
import { AUDIT_FILTER_OPTIONS, auditPages, auditQueryOf, maxRowsOf } from './audit-pages';
import { UsageError, type CliIo } from './cli-io';
import { dialogueJson } from './dialogue-client';

export const LABEL_USAGE =
  'parley label --as INTENT [--print] [--session ID] [--intent I] [--state S] [--fallback-reason R] [--min-score X] [--max-score Y] ' +
  '[--from ISO] [--to ISO] [--max-rows N]';

/** Most texts the route takes in one request. */
const BATCH = 200;

interface Labelled {
  intent: string;
  added: string[];
  file?: string;
  snippet?: string;
}

export async function labelCommand(args: string[], config: Readonly<CliConfig>, io: CliIo): Promise<number> {
  const { kind: _kind, ...filters } = AUDIT_FILTER_OPTIONS;
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...filters, as: { type: 'string' }, print: { type: 'boolean', default: false }, 'max-rows': { type: 'string' } },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected ${JSON.stringify(positionals[0])}\nusage: ${LABEL_USAGE}`);
  if (!values.as && !values.print) throw new UsageError(`--as INTENT (or --print) is required\nusage: ${LABEL_USAGE}`);
  const query = auditQueryOf(values);
  query.set('kind', 'prediction');
  const texts = new Set<string>();
  for await (const rows of auditPages(config, query, maxRowsOf(values['max-rows'], LABEL_USAGE))) {
    for (const row of rows) {
      const text = row.data['text'];
      if (typeof text === 'string' && text.trim() !== '') texts.add(text.trim());
    }
  }
  const selected = [...texts];
  if (values.print || values.as === undefined) {
    for (const text of selected) io.stdout.write(`${JSON.stringify(text)}\n`);
    io.stderr.write(`${selected.length} message(s) selected\n`);
    return 0;
  }
  let added = 0;
  for (let start = 0; start < selected.length; start += BATCH) {
    const answer = await dialogueJson<Labelled>(config, '/v1/training-phrases', {
      intent: values.as,
      texts: selected.slice(start, start + BATCH),
    });
    added += answer.added.length;
    if (answer.snippet !== undefined) io.stdout.write(`${answer.snippet}\n`);
    else io.stderr.write(`${answer.added.length} phrase(s) added to ${answer.intent} in ${answer.file ?? '?'}\n`);
  }
  io.stderr.write(`${selected.length} message(s) selected, ${added} new phrase(s) for ${values.as}\n`);
  return 0;
}
