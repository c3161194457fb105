/**
 * `npm run dev` (parley-start --dev) in a bot project: a change to bot.ts restarts the dialogue service with the
 * new bot; sessions keep their state (SQLite), and the NLU retrains only when intents or entities changed (an
 * unchanged definition's model is reused at once). The project lives under test-artifacts/ so that it resolves
 * this checkout's built packages.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const PARLEY_START = join(ROOT, 'services/launcher/bin/parley-start.js');

function botSource(reply: string, sentences: string[]): string {
  return `import { Bot } from '@parley/bot';
const bot = new Bot('dev_bot');
const hello = bot.newIntent('hello_intent', ${JSON.stringify(sentences)});
const idle = bot.newState('idle', { initial: true });
const greet = bot.newState('greet');
idle.whenIntentMatched(hello).goTo(greet);
greet.setBody((session) => {
  session.set('greeted', ((session.get('greeted') as number | undefined) ?? 0) + 1);
  session.reply(\`${reply} #\${String(session.get('greeted'))}\`);
});
greet.goTo(idle);
export default bot;
`;
}

describe('npm run dev in a bot project', () => {
  mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
  const project = mkdtempSync(join(ROOT, 'test-artifacts', 'dev-bot-'));
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('restarts the dialogue when bot.ts changes, keeping sessions, retraining only for new intents', async () => {
    writeFileSync(join(project, 'bot.ts'), botSource('Hello', ['hello', 'hi', 'good morning']));
    const child = spawn(process.execPath, [PARLEY_START, '--dev'], {
      cwd: project,
      env: { ...process.env, PARLEY_NLU_PORT: '0', PARLEY_HTTP_PORT: '0', PARLEY_LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const waitFor = async (pattern: RegExp, from: number): Promise<RegExpExecArray> => {
      for (let waited = 0; waited < 120_000; waited += 100) {
        const match = pattern.exec(output.slice(from));
        if (match) return match;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`no ${String(pattern)} in:\n${output}`);
    };
    const say = async (url: string, text: string): Promise<string[]> => {
      const response = await fetch(`${url}/v1/sessions/dev/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { replies: Array<{ content: string }> }).replies.map((reply) => reply.content);
    };
    try {
      const url = (await waitFor(/Dialogue service \(REST\)\s+(http:\/\/\S+)/, 0))[1] as string;
      expect(output).toMatch(/"reused":false/);
      await fetch(`${url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":"dev"}' });
      expect(await say(url, 'hello')).toEqual(['Hello #1']);

      // A body changed, intents not: a restart with the model reused, the session's variable kept.
      let mark = output.length;
      writeFileSync(join(project, 'bot.ts'), botSource('Welcome back', ['hello', 'hi', 'good morning']));
      await waitFor(/dialogue service ready again/, mark);
      expect(output.slice(mark)).toMatch(/"reused":true/);
      expect(await say(url, 'hello')).toEqual(['Welcome back #2']);

      // A new training sentence: the NLU trains a new version.
      mark = output.length;
      writeFileSync(join(project, 'bot.ts'), botSource('Welcome back', ['hello', 'hi', 'good morning', 'hey there']));
      await waitFor(/dialogue service ready again/, mark);
      expect(output.slice(mark)).toMatch(/"reused":false/);
      expect(await say(url, 'hey there')).toEqual(['Welcome back #3']);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 240_000);
});
