/**
 * Reads a Dockerfile far enough to check it against the repository: its stages, and per stage the sources its
 * COPY instructions take from the build context (not those copied from another stage), its ENV, WORKDIR, RUN
 * commands, CMD and HEALTHCHECK (exec form: a JSON array). Line continuations are joined, comments dropped.
 */
export interface DockerStage {
  from: string;
  workdir: string;
  /** Paths COPY takes from the build context, as written. */
  contextSources: string[];
  run: string[];
  env: Record<string, string>;
  cmd: string[] | undefined;
  healthcheck: string[] | undefined;
}

export function parseDockerfile(text: string): DockerStage[] {
  const stages: DockerStage[] = [];
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  for (const line of lines) {
    const match = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!match || line.trim().startsWith('#')) continue;
    const instruction = (match[1] ?? '').toUpperCase();
    const args = (match[2] ?? '').trim();
    if (instruction === 'FROM') {
      stages.push({ from: args, workdir: '/', contextSources: [], run: [], env: {}, cmd: undefined, healthcheck: undefined });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`${instruction} before FROM`);
    switch (instruction) {
      case 'WORKDIR':
        stage.workdir = args;
        break;
      case 'COPY': {
        const words = args.split(/\s+/);
        if (words.some((word) => word.startsWith('--from='))) break;
        const paths = words.filter((word) => !word.startsWith('--'));
        stage.contextSources.push(...paths.slice(0, -1));
        break;
      }
      case 'RUN':
        stage.run.push(args);
        break;
      case 'ENV':
        for (const pair of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g))
          stage.env[pair[1] ?? ''] = (pair[2] ?? '').replace(/^"|"$/g, '');
        break;
      case 'CMD':
        stage.cmd = execForm(args, 'CMD');
        break;
      case 'HEALTHCHECK': {
        const command = /\bCMD\s+(.*)$/.exec(args);
        stage.healthcheck = command ? execForm(command[1] ?? '', 'HEALTHCHECK CMD') : undefined;
        break;
      }
    }
  }
  return stages;
}

function execForm(args: string, what: string): string[] {
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((word) => typeof word === 'string')) throw new Error(`${what} is not in exec form: ${args}`);
  return parsed as string[];
}
