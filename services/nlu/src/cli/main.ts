/** Entry of the `parley` CLI (bin/parley.js requires the compiled copy of this file). */
import { loadCliConfig } from '../config';
import { runCli } from './run-cli';

async function main(): Promise<number> {
  let config;
  try {
    config = loadCliConfig();
  } catch (error) {
    process.stderr.write(`parley: ${(error as Error).message}\n`);
    return 2;
  }
  return runCli(process.argv.slice(2), config, { stdout: process.stdout, stderr: process.stderr });
}

void main().then((code) => {
  process.exitCode = code;
});
