import { TextPipeline } from './text-pipeline';
import { test } from 'vitest'; test('x', () => {
for (const [l, s] of [['en', "What's the Weather like in ENT_CITY? I'm running, jumped over 3.5 fences!"], ['es', '¿Qué tiempo hará mañana en Barcelona? Estoy cantando canciones'], ['fr', "L'homme mangeait des pommes aujourd'hui"], ['de', 'Die Häuser sind schön, ich laufe schneller'], ['it', 'Le ragazze cantavano canzoni bellissime'], ['pt', 'As meninas estavam cantando canções'], ['nl', 'De kinderen liepen naar de huizen'], ['en', 'ＡＢＣ ﬁne café ENT_BASE_NUMBER.']] as const) {
  const p = new TextPipeline(l); console.log(l, JSON.stringify(p.process(s)));
}
const p = new TextPipeline('en'); const s = 'what is the weather like in ENT_CITY tomorrow morning please tell me';
for (let i=0;i<20000;i++) p.process(s);
let t = performance.now(); for (let i=0;i<100000;i++) p.process(s); console.log('us/call', (performance.now()-t)*10/1000, 'tokens', p.process(s).words.length);
});
