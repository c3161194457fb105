/**
 * `parley init DIR`: a bot project of its own, outside the repository. From a checkout it packs Parley's packages
 * (npm pack) into DIR/vendor and depends on them by path; installed from a registry it depends on this version.
 * Then `npm install && npm start` in DIR runs both services with DIR/bot.ts on SQLite, and `npm test` its test.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type CliIo } from '../cli-io';

/** The project's files (templates/bot-project/*.template, shipped with this package): bot, test, README, settings. */
const TEMPLATES = join(__dirname, '../../../templates/bot-project');

/** Where `file` goes in the project: `gitignore.template` → `.gitignore` (npm pack drops files named .gitignore). */
const PROJECT_FILES: Readonly<Record<string, string>> = {
  'bot.ts.template': 'bot.ts',
  'bot.test.ts.template': 'bot.test.ts',
  'README.md.template': 'README.md',
  'gitignore.template': '.gitignore',
  'tsconfig.json.template': 'tsconfig.json',
};

const VENDOR_NOTE = `
Parley's packages come from \`vendor/\`, packed from the checkout \`parley init\` ran in. Once they are on a
registry, replace each \`file:vendor/…\` in package.json (and \`overrides\`) with its version.
`;

export const INIT_USAGE = 'parley init DIR';

/** The workspaces a bot project needs, each with its folder in a checkout. */
const PACKAGES: Readonly<Record<string, string>> = {
  '@parley/domain': 'packages/domain',
  '@parley/bot': 'packages/bot',
  '@parley/nlu': 'packages/nlu',
  '@parley/encoder': 'packages/encoder',
  '@parley/proto': 'packages/proto',
  '@parley/session-store': 'packages/session-store',
  '@parley/examples': 'examples',
  '@parley/nlu-service': 'services/nlu',
  '@parley/dialogue-service': 'services/dialogue',
  '@parley/launcher': 'services/launcher',
};

/** The loader of the project's TypeScript (its test runs through it; the service has its own copy). */
const TSX_VERSION = '4.23.15';

export async function initCommand(args: string[], _config: unknown, io: CliIo): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError(`give one folder\nusage: ${INIT_USAGE}`);
  const dir = resolve(positionals[0] as string);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new UsageError(`${dir} exists and is not empty; choose a new folder`);
  const checkout = findCheckout(__dirname);
  mkdirSync(dir, { recursive: true });
  const dependencies = checkout === undefined ? registryVersions() : packFrom(checkout, join(dir, 'vendor'), io);
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest(basename(dir), dependencies), null, 2)}\n`);
  for (const [template, file] of Object.entries(PROJECT_FILES)) {
    const text = readFileSync(join(TEMPLATES, template), 'utf8')
      .replaceAll('{{name}}', basename(dir))
      .replaceAll('{{vendorNote}}', checkout === undefined ? '' : VENDOR_NOTE);
    writeFileSync(join(dir, file), text);
  }
  io.stdout.write(`Created a Parley bot project in ${dir}\nNext: cd ${dir} && npm install && npm start\n`);
  return 0;
}

/** The repository this CLI runs from, if it runs from one (its root package.json lists the workspaces). */
function findCheckout(from: string): string | undefined {
  for (let dir = from; dir !== resolve(dir, '..'); dir = resolve(dir, '..')) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; workspaces?: unknown };
    if (manifest.name === 'parley' && Array.isArray(manifest.workspaces)) return dir;
  }
  return undefined;
}

/** npm pack of every package (built first: dist is what ships); each dependency becomes `file:vendor/<tarball>`. */
function packFrom(checkout: string, vendor: string, io: CliIo): Record<string, string> {
  io.stderr.write(`Building and packing Parley's packages from ${checkout} …\n`);
  execFileSync(process.execPath, [join(checkout, 'node_modules/typescript/bin/tsc'), '-b'], { cwd: checkout, stdio: 'inherit' });
  mkdirSync(vendor, { recursive: true });
  const workspaces = Object.values(PACKAGES).flatMap((folder) => ['--workspace', folder]);
  const output = execFileSync('npm', ['pack', ...workspaces, '--pack-destination', vendor, '--json', '--silent'], {
    cwd: checkout,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const packed = JSON.parse(output) as Array<{ name: string; filename: string }>;
  return Object.fromEntries(packed.map((entry) => [entry.name, `file:vendor/${basename(entry.filename)}`]));
}

function registryVersions(): Record<string, string> {
  const version = (JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { version: string }).version;
  return Object.fromEntries(Object.keys(PACKAGES).map((name) => [name, version]));
}

function manifest(folder: string, parley: Record<string, string>): object {
  const name =
    folder
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[._-]+/, '') || 'my-bot';
  const fromFiles = Object.values(parley).some((spec) => spec.startsWith('file:'));
  return {
    name,
    version: '0.1.0',
    private: true,
    scripts: { start: 'parley-start', dev: 'parley-start --dev', test: 'tsx --test bot.test.ts' },
    dependencies: parley,
    devDependencies: { tsx: TSX_VERSION },
    // Each package's own @parley dependencies resolve to the same tarballs, never to a registry.
    ...(fromFiles ? { overrides: Object.fromEntries(Object.keys(parley).map((dependency) => [dependency, `$${dependency}`])) } : {}),
    // The one install script the services need (SQLite's native module); npm skips the others.
    allowScripts: { 'better-sqlite3': true },
  };
}
