/** The `parley` CLI in process, its output captured: what a test of a command reads. */
import type { CliIo } from '../../../services/nlu/src/cli/cli-io';
import { runCli } from '../../../services/nlu/src/cli/run-cli';
import type { CliConfig } from '../../../services/nlu/src/config';

export interface ParleyRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runParley(argv: string[], config: CliConfig): Promise<ParleyRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: { write: (text: string) => out.push(text) }, stderr: { write: (text: string) => err.push(text) } };
  const code = await runCli(argv, config, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}
