/**
 * A ScriptedBot that sends every reply type, hostile markup included, so the browser test can check how the
 * page renders each one, and that a bot reply never becomes live HTML. It stays a fake: it tests the page.
 */
import type { FileData, Reply } from '@parley/domain';
import type { ScriptedBot } from './memory-turns';

/** A 1×1 PNG. */
const PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const SHOWCASE_MARKDOWN = [
  '**Bold** and _italic_ and `code <b>not bold</b>` and [the docs](https://example.org/docs).',
  '<img src=x onerror="window.__xss = 1"> and [bad](javascript:window.__xss=2)',
  '',
  '- first item',
  '- second item',
].join('\n');

const str = (content: string): Reply => ({ type: 'str', content });

export const showcaseBot: ScriptedBot = (state, request) => {
  if (state === undefined) return { state: 'ready', replies: [str('Say "show" for every reply type.')] };
  if (request?.kind === 'file')
    return { state, replies: [str(`Got ${request.file.name}`), { type: 'file', content: echoed(request.file) }] };
  if (request?.kind !== 'message') return { state, replies: [] };
  if (request.text === 'show') {
    return {
      state,
      replies: [
        str('<script>window.__xss = 3</script>'),
        { type: 'markdown', content: SHOWCASE_MARKDOWN },
        { type: 'image', content: { name: 'pixel.png', type: 'image/png', base64: PIXEL_PNG } },
        { type: 'location', content: { latitude: 49.61, longitude: 6.13 } },
        { type: 'json', content: { city: 'Luxembourg', temperature: 21 } },
        { type: 'options', content: ['Yes please', 'No thanks'] },
      ],
    };
  }
  return { state, replies: [str(`You chose ${request.text}`)] };
};

function echoed(file: FileData): FileData {
  return { ...file, name: `echo-${file.name}` };
}
