/**
 * The dashboard: its data (GET /v1/dashboard) and the labelling of messages as training phrases
 * (POST /v1/training-phrases), behind the API key like every /v1 route, and the charting library the page draws
 * with (ECharts, from the service's own node_modules: no CDN). The page itself is public/dashboard.html, served
 * with the chat page's files; it asks for the key and sends it as a header, never in a URL.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { ParleyError } from '@parley/domain';
import type { SessionStore } from '@parley/session-store';
import type { DefinitionFile } from '../bot/definition-file';
import type { DialogueBot } from '../bot/dialogue-bot';
import { serveFile } from '../channels';
import { errorResponses } from '../http/schemas';
import { dashboardData, type DashboardQuery } from './dashboard-data';

export interface DashboardDeps {
  store: Pick<SessionStore, 'queryAudit'>;
  bot: DialogueBot;
  /** Where labelled phrases are written; without one they are answered as a snippet for a TypeScript bot. */
  definitionFile?: DefinitionFile;
  maxTextLength: number;
  clock: () => Date;
}

/** The page loads the library from here. */
const CHART_LIBRARY_ROUTE = '/vendor/echarts.min.js';
/** Most messages labelled in one request. */
const MAX_LABELLED = 200;

const dateTime = { type: 'string', minLength: 1, maxLength: 64, description: 'ISO-8601 with a time zone, e.g. 2030-01-31T12:00:00Z' };
const anyObject = { type: 'object', additionalProperties: true };

interface TrainingPhrases {
  intent: string;
  texts: string[];
}

export function registerDashboardRoutes(app: FastifyInstance, deps: DashboardDeps): void {
  serveFile(app, CHART_LIBRARY_ROUTE, readFileSync(require.resolve('echarts/dist/echarts.min.js')), 'text/javascript; charset=utf-8');

  app.get<{ Querystring: DashboardQuery }>('/v1/dashboard', {
    schema: {
      tags: ['audit'],
      summary: "The dashboard's data: the audit of a time window summarised, the bot's graph with traffic per edge",
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          from: { ...dateTime, description: `Start of the window (default: 24 hours before to); ${dateTime.description}` },
          to: { ...dateTime, description: 'End of the window, exclusive (default: now)' },
          lowConfidence: { type: 'number', minimum: 0, maximum: 1, description: 'List matched messages scored below this (default 0.5)' },
        },
      },
      response: { 200: anyObject, ...errorResponses(400, 401, 503) },
    },
    handler: (request) =>
      dashboardData(deps.store, deps.bot, request.query, { now: deps.clock(), hasDefinitionFile: deps.definitionFile !== undefined }),
  });

  app.post<{ Body: TrainingPhrases }>('/v1/training-phrases', {
    schema: {
      tags: ['audit'],
      summary: "Adds messages to an intent's training phrases in the bot's definition file (or answers them as a snippet)",
      body: {
        type: 'object',
        required: ['intent', 'texts'],
        additionalProperties: false,
        properties: {
          intent: { type: 'string', minLength: 1, maxLength: 255 },
          texts: {
            type: 'array',
            minItems: 1,
            maxItems: MAX_LABELLED,
            items: { type: 'string', minLength: 1, maxLength: deps.maxTextLength },
          },
        },
      },
      response: {
        200: {
          type: 'object',
          required: ['intent', 'added'],
          properties: {
            intent: { type: 'string' },
            added: { type: 'array', items: { type: 'string' }, description: 'The texts that were not training phrases yet' },
            file: { type: 'string', description: 'The definition file written' },
            snippet: { type: 'string', description: 'For a bot without a definition file: the phrases as TypeScript' },
          },
        },
        ...errorResponses(400, 401, 503),
      },
    },
    handler: async (request) => {
      const { intent } = request.body;
      const texts = request.body.texts.map((text) => text.trim()).filter((text) => text !== '');
      if (!deps.bot.definition().intents.some((known) => known.name === intent)) {
        throw new ParleyError('INVALID_ARGUMENT', `intent ${JSON.stringify(intent)} is not an intent of the bot`, { field: 'intent' });
      }
      if (texts.length === 0) throw new ParleyError('INVALID_ARGUMENT', 'texts holds no text', { field: 'texts' });
      if (deps.definitionFile === undefined) return { intent, added: texts, snippet: snippetOf(intent, texts) };
      const added = await deps.definitionFile.add(intent, texts);
      request.log.info({ intent, added: added.length, file: deps.definitionFile.path }, 'training phrases labelled');
      return { intent, added, file: deps.definitionFile.path };
    },
  });
}

/** The phrases as the lines to add to the intent's `bot.newIntent(…)` call. */
function snippetOf(intent: string, texts: readonly string[]): string {
  return [`// add to bot.newIntent(${JSON.stringify(intent)}, [...]):`, ...texts.map((text) => `${JSON.stringify(text)},`)].join('\n');
}
