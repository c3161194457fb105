/** The `parley` command line: picks the subcommand, and turns every failure into a message and an exit code. */
import { isParleyError } from '@parley/domain';
import type { CliConfig } from '../config';
import { AUDIT_USAGE, auditCommand } from './audit-command';
import { UsageError, type CliIo } from './cli-io';
import { EVAL_USAGE, evalCommand } from './eval-command';
import { INIT_USAGE, initCommand } from './init/init-command';
import { LABEL_USAGE, labelCommand } from './label-command';
import { PREDICT_USAGE, predictCommand } from './predict-command';
import { TRAIN_USAGE, trainCommand } from './train-command';

const USAGE = `usage:
  ${INIT_USAGE}
  ${TRAIN_USAGE}
  ${PREDICT_USAGE}
  ${EVAL_USAGE}
  ${AUDIT_USAGE}
  ${LABEL_USAGE}
environment: PARLEY_NLU_ADDRESS (default localhost:50051), PARLEY_MODEL_DIR (default ./data/models),
  PARLEY_NLU_API_KEY (sent when the NLU service requires API keys),
  PARLEY_DIALOGUE_URL (default http://127.0.0.1:8080), PARLEY_DIALOGUE_API_KEY (sent when the dialogue service requires API keys)
`;

const COMMANDS = {
  init: initCommand,
  train: trainCommand,
  predict: predictCommand,
  eval: evalCommand,
  audit: auditCommand,
  label: labelCommand,
} as const;

/** Exit codes: 0 success, 1 failure, 2 usage error. */
export async function runCli(argv: string[], config: Readonly<CliConfig>, io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    io.stderr.write(USAGE);
    return 2;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    io.stdout.write(USAGE);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name as keyof typeof COMMANDS] : undefined;
  if (!command) {
    io.stderr.write(`parley: unknown command "${name}"\n${USAGE}`);
    return 2;
  }
  try {
    return await command(args, config, io);
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIo): number {
  // node:util parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for unknown or malformed options.
  const code = (error as { code?: unknown }).code;
  const parseArgsError = typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
  if (error instanceof UsageError || parseArgsError) {
    io.stderr.write(`parley: ${(error as Error).message}\n`);
    return 2;
  }
  if (isParleyError(error)) {
    const hint = error.code === 'NLU_UNAVAILABLE' ? '; is it running? (PARLEY_NLU_ADDRESS)' : '';
    io.stderr.write(`parley: ${error.message}${error.field ? ` (field: ${error.field})` : ''}${hint}\n`);
    return 1;
  }
  io.stderr.write(`parley: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}
