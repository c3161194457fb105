/**
 * `parley audit export`: the dialogue service's audit (GET /v1/audit, page after page) as JSON Lines or CSV, with
 * the API's filters, to a file or stdout. Rows come newest first; every page is written before the next is asked.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import type { CliConfig } from '../config';
import { UsageError, type CliIo } from './cli-io';
import { AUDIT_FILTER_OPTIONS, auditPages, auditQueryOf, maxRowsOf, type AuditRow } from './audit-pages';

export const AUDIT_USAGE =
  'parley audit export [--format jsonl|csv] [--out FILE] [--session ID] [--kind K] [--intent I] [--state S] ' +
  '[--fallback-reason R] [--min-score X] [--max-score Y] [--from ISO] [--to ISO] [--max-rows N]';

/** CSV columns: the row's fields, the user's text for a prediction (what a person reads first), then data as JSON. */
const CSV_COLUMNS = ['id', 'at', 'sessionId', 'kind', 'state', 'intent', 'score', 'fallbackReason', 'text', 'data'] as const;

export async function auditCommand(args: string[], config: Readonly<CliConfig>, io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'export') throw new UsageError(`unknown audit action ${JSON.stringify(action ?? '')}\nusage: ${AUDIT_USAGE}`);
  const { values } = parseArgs({
    args: rest,
    options: {
      ...AUDIT_FILTER_OPTIONS,
      format: { type: 'string', default: 'jsonl' },
      out: { type: 'string' },
      'max-rows': { type: 'string' },
    },
  });
  const format = values.format;
  if (format !== 'jsonl' && format !== 'csv') throw new UsageError(`--format must be jsonl or csv\nusage: ${AUDIT_USAGE}`);
  const maxRows = maxRowsOf(values['max-rows'], AUDIT_USAGE);
  const query = auditQueryOf(values);
  const out = values.out === undefined ? io.stdout : createWriteStream(values.out);
  try {
    const written = await exportRows(config, query, maxRows, format, (text) => out.write(text));
    io.stderr.write(`${written} audit rows exported${values.out === undefined ? '' : ` to ${values.out}`}\n`);
    return 0;
  } finally {
    if (out !== io.stdout) {
      const file = out as ReturnType<typeof createWriteStream>;
      file.end();
      await once(file, 'close');
    }
  }
}

async function exportRows(
  config: Readonly<CliConfig>,
  query: URLSearchParams,
  maxRows: number,
  format: 'jsonl' | 'csv',
  write: (text: string) => unknown,
): Promise<number> {
  if (format === 'csv') write(stringify([[...CSV_COLUMNS]]));
  let written = 0;
  for await (const rows of auditPages(config, query, maxRows)) {
    write(
      format === 'csv' ? stringify(rows.map(csvRecord), { escape_formulas: true }) : rows.map((row) => `${JSON.stringify(row)}\n`).join(''),
    );
    written += rows.length;
  }
  return written;
}

function csvRecord(row: AuditRow): Array<string | number> {
  const text = row.data['text'];
  return CSV_COLUMNS.map((column) => {
    if (column === 'text') return typeof text === 'string' ? text : '';
    if (column === 'data') return JSON.stringify(row.data);
    return row[column] ?? '';
  });
}
