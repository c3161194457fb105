/**
 * A small bot that exercises every kind of turn the REST API carries: intents with an entity parameter stored in a
 * variable, a file transition (PNG only) and an event transition with a predicate.
 */
import { Bot } from '@parley/bot';
import { getParameter } from '@parley/domain';

export function createFixtureBot(name = 'fixture_bot'): Bot {
  const bot = new Bot(name, { language: 'en' });
  const city = bot.newEntity('city_entity', { Barcelona: ['BCN', 'barna'], Madrid: [], Luxembourg: ['LUX'] });
  const hello = bot.newIntent('hello_intent', ['hello', 'hi', 'good morning', 'hey there']);
  const weather = bot
    .newIntent('weather_intent', ['what is the weather in CITY?', 'weather in CITY', 'how is the weather in CITY'])
    .parameter('city1', 'CITY', city);

  const idle = bot.newState('idle', { initial: true });
  const helloState = bot.newState('hello_state');
  const weatherState = bot.newState('weather_state');
  const fileState = bot.newState('file_state');
  const pingState = bot.newState('ping_state');

  idle.setBody((session) => session.reply('Welcome!'));
  idle.whenFileReceived('image/png').goTo(fileState);
  idle.whenEvent('ping', (_session, params) => params['loud'] !== false).goTo(pingState);
  idle.whenIntentMatched(hello).goTo(helloState);
  idle.whenIntentMatched(weather).goTo(weatherState);

  helloState.setBody((session) => {
    session.set('greetings', Number(session.get('greetings') ?? 0) + 1);
    session.replyOptions(['Weather', 'Nothing']);
  });
  helloState.whenIntentMatched(weather).goTo(weatherState);

  weatherState.setBody((session) => {
    const value = session.predictedIntent && getParameter(session.predictedIntent, 'city1')?.value;
    session.set('city', typeof value === 'string' ? value : null);
    session.reply(typeof value === 'string' ? `Sunny in ${value}` : "Sorry, I didn't get the city");
  });
  weatherState.goTo(idle);

  fileState.setBody((session) => session.reply(`Got ${session.file?.name ?? 'nothing'}`));
  fileState.goTo(idle);

  pingState.setBody((session) => session.replyJson({ pong: session.event?.params ?? {} }));
  pingState.goTo(idle);
  return bot;
}
