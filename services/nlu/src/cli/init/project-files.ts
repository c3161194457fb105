/**
 * The files `parley init` writes into a new bot project, apart from package.json: a TypeScript bot to start from,
 * its test (no NLU needed: ExactMatchPredictor answers from the bot's own training sentences), a README, and
 * the ignore and editor settings a project needs.
 */
export const BOT_TS = `/**
 * Your bot: BBF's model in TypeScript. Intents with training sentences, entities, states with bodies, transitions.
 * npm run dev restarts the dialogue service when this file changes; the model is retrained only when the intents
 * or entities changed.
 */
import { Bot, type ReadonlySession } from '@parley/bot';
import { getParameter, type JsonObject } from '@parley/domain';

const bot = new Bot('my_bot', { language: 'en' });

const city = bot.newEntity('city_entity', { Barcelona: ['BCN', 'barna'], Madrid: [], Luxembourg: ['LUX'] });
const hello = bot.newIntent('hello_intent', ['hello', 'hi', 'good morning']);
const weather = bot.newIntent('weather_intent', ['what is the weather in CITY?', 'weather in CITY', 'is it hot in CITY']).parameter('city', 'CITY', city);

const waiting = bot.newState('waiting', { initial: true });
const greeting = bot.newState('greeting');
const forecast = bot.newState('forecast');

waiting.setBody((session) => session.reply('Hello! Ask me about the weather in a city.'));
waiting.whenIntentMatched(hello).goTo(greeting);
waiting.whenIntentMatched(weather).goTo(forecast);

greeting.setBody((session) => session.reply('Hi there!'));
greeting.goTo(waiting);

const TEMPERATURES: Record<string, number> = { Barcelona: 28, Madrid: 31, Luxembourg: 12 };

forecast.setBody((session) => {
  const name = session.predictedIntent && getParameter(session.predictedIntent, 'city')?.value;
  if (typeof name !== 'string') {
    session.reply("Sorry, I didn't get the city");
    return;
  }
  session.set('temperature', TEMPERATURES[name] ?? 20);
  session.reply(\`It is \${TEMPERATURES[name] ?? 20}°C in \${name}.\`);
});

/** A BBF custom event: a condition over the session, checked after the body and on every message. */
function coolerThan(session: ReadonlySession, params: JsonObject): boolean {
  const temperature = session.get('temperature');
  return typeof temperature === 'number' && typeof params.max === 'number' && temperature <= params.max;
}
forecast.whenCondition(coolerThan, { max: 25 }).goTo(waiting);
forecast.whenIntentMatched(weather).goTo(forecast);
forecast.whenNoIntentMatched().goTo(waiting);

export default bot;
`;

export const BOT_TEST_TS = `import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExactMatchPredictor, type TurnOutcome } from '@parley/bot';
import bot from './bot';

const texts = (outcome: TurnOutcome): unknown[] => outcome.replies.map((reply) => reply.content);

test('greets, then answers about the weather, and goes back to waiting where it is cool', async () => {
  const context = { predictor: new ExactMatchPredictor(bot.definition()), chatHistory: [] };
  const start = await bot.startSession('test', context);
  assert.deepEqual(texts(start), ['Hello! Ask me about the weather in a city.']);

  const hot = await bot.runTurn(start.snapshot, { kind: 'message', text: 'weather in barna' }, context);
  assert.deepEqual(texts(hot), ['It is 28°C in Barcelona.']);
  assert.equal(hot.snapshot.state, 'forecast');

  const cool = await bot.runTurn(hot.snapshot, { kind: 'message', text: 'weather in LUX' }, context);
  assert.deepEqual(texts(cool), ['It is 12°C in Luxembourg.', 'Hello! Ask me about the weather in a city.']);
  assert.equal(cool.snapshot.state, 'waiting');
  assert.deepEqual(cool.errors, []);
});
`;

export function readme(name: string, fromCheckout: boolean): string {
  return `# ${name}

A [Parley](https://github.com/) bot: \`bot.ts\` is the bot, \`bot.test.ts\` its test.

\`\`\`sh
npm install
npm start        # NLU service + dialogue service with bot.ts, sessions in ./data (SQLite)
npm run dev      # the same, restarting the dialogue service when bot.ts changes (sessions keep their state)
npm test         # bot.test.ts, no service needed
\`\`\`

\`npm start\` prints the addresses. Open the web chat at <http://127.0.0.1:8080/>, or:

\`\`\`sh
curl -s -XPOST localhost:8080/v1/sessions -H 'content-type: application/json' -d '{}'
curl -s -XPOST localhost:8080/v1/sessions/<id>/messages -H 'content-type: application/json' -d '{"text":"weather in barna"}'
\`\`\`

The bot runs as TypeScript with no compile step (through tsx). It may export the bot as default, as \`bot\`, or as
\`module.exports\`. Any \`PARLEY_*\` variable of the services (see Parley's README) can be set in the environment,
e.g. \`PARLEY_HTTP_PORT=9000 npm start\`. \`npm run dev\` also sets \`PARLEY_DEV_MODE=true\`: the web chat then shows
what your bot's code threw during a turn (REST answers always carry it as \`errors\`).
${
  fromCheckout
    ? `
Parley's packages come from \`vendor/\`, packed from the checkout \`parley init\` ran in. Once they are on a
registry, replace each \`file:vendor/…\` in package.json (and \`overrides\`) with its version.
`
    : ''
}`;
}

export const GITIGNORE = `node_modules/
data/
`;

export const TSCONFIG = `{
  "compilerOptions": {
    "target": "ES2022",
    "module": "Node16",
    "moduleResolution": "Node16",
    "strict": true,
    "esModuleInterop": true,
    "skipLibCheck": true,
    "noEmit": true
  },
  "include": ["*.ts"]
}
`;
