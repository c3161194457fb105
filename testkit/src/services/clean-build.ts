/**
 * A clean build of the repository, as an image's build stage makes it: the build context (every file git does not
 * ignore, under the paths the Dockerfile copies) in a temporary folder, node_modules as `npm ci` leaves it (each
 * installed package linked from this checkout, the workspace packages pointing into the copy), `npm run build`,
 * then the development dependencies taken away as `npm prune --omit=dev` does. No dist/ of this checkout is used.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readlink, rm, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { ROOT } from './service-process';

export async function cleanBuild(contextSources: readonly string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-clean-build-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file !== '' && contextSources.some((source) => file === source || file.startsWith(`${source.replace(/\/$/, '')}/`)));
  for (const file of files) if (existsSync(join(ROOT, file))) await cp(join(ROOT, file), join(dir, file));
  await linkNodeModules(dir);
  execFileSync('npm', ['run', 'build'], { cwd: dir, stdio: 'pipe' });
  await pruneDevDependencies(dir);
  return dir;
}

export function removeCleanBuild(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/** Every top-level package of this checkout's node_modules, linked; scopes as folders, so they can be pruned. */
async function linkNodeModules(dir: string): Promise<void> {
  const source = join(ROOT, 'node_modules');
  await mkdir(join(dir, 'node_modules'));
  for (const entry of await readdir(source)) {
    if (!entry.startsWith('@')) {
      await symlink(join(source, entry), join(dir, 'node_modules', entry));
      continue;
    }
    await mkdir(join(dir, 'node_modules', entry));
    for (const name of await readdir(join(source, entry))) {
      const from = join(source, entry, name);
      // Workspace packages are relative links (../../packages/domain): kept relative, they point into the copy.
      const target = entry === '@parley' ? await readlink(from) : from;
      await symlink(target, join(dir, 'node_modules', entry, name));
    }
  }
}

/**
 * `npm ls --omit=dev --all --parseable`. It exits 1 over the one peer left off disk on purpose (.npmrc's omit=peer:
 * @energetic-ai/core, which Parley never loads) yet prints the tree; any other problem fails.
 */
function productionTree(): string {
  const listed = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: ROOT, encoding: 'utf8' });
  const problems = listed.stderr
    .split('\n')
    .filter((line) => line.startsWith('npm error missing:') || line.startsWith('npm error invalid'));
  if (listed.status !== 0 && (problems.length === 0 || problems.some((line) => !line.includes('@energetic-ai/core@')))) {
    throw new Error(`npm ls failed:\n${listed.stderr}`);
  }
  return listed.stdout;
}

/** Removes what `npm prune --omit=dev` would: every top-level package outside the production dependency tree. */
async function pruneDevDependencies(dir: string): Promise<void> {
  const production = new Set(
    productionTree()
      .split('\n')
      .map((path) => relative(join(ROOT, 'node_modules'), path))
      .filter((path) => path !== '' && !path.startsWith('..'))
      .map((path) =>
        path
          .split(sep)
          .slice(0, path.startsWith('@') ? 2 : 1)
          .join('/'),
      ),
  );
  const modules = join(dir, 'node_modules');
  for (const entry of await readdir(modules)) {
    if (!entry.startsWith('@')) {
      if (!production.has(entry)) await rm(join(modules, entry), { recursive: true, force: true });
      continue;
    }
    for (const name of await readdir(join(modules, entry))) {
      if (!production.has(`${entry}/${name}`)) await rm(join(modules, entry, name), { recursive: true, force: true });
    }
  }
}
