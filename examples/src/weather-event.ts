/**
 * BBF's weather bot with a custom event, ported: after reporting the weather the bot goes back to s0 once the
 * reported temperature is at most 25 °C; a hotter city keeps it in weather_state, where the user can ask again.
 * In BBF:
 *
 *     def temperature_at_most(session, event_params):
 *         return session.get('temperature') <= event_params['max']
 *     weather_state.when_event_go_to(temperature_at_most, s0, {'max': 25})
 *     weather_state.when_intent_matched_go_to(weather_intent, weather_state)
 *
 * One transition here too: `whenCondition(fn, params)`, checked where BBF checks it (after the body, as it comes
 * before the first intent transition, and on every message). Temperatures come from a fixed table standing in
 * for a weather service (BBF's are random), so the conversation can be tested.
 */
import { Bot, type ReadonlySession } from '@parley/bot';
import { getParameter, type JsonObject } from '@parley/domain';

/** What the stand-in weather service reports, °C. */
export const TEMPERATURES: Readonly<Record<string, number>> = Object.freeze({ Barcelona: 28, Madrid: 31, Luxembourg: 12 });

function temperatureAtMost(session: ReadonlySession, params: JsonObject): boolean {
  const temperature = session.get('temperature');
  return typeof temperature === 'number' && typeof params.max === 'number' && temperature <= params.max;
}

function createWeatherEventBot(): Bot {
  const bot = new Bot('weather_event_bot', { language: 'en' });

  const cityEntity = bot.newEntity('city_entity', { Barcelona: ['BCN', 'barna'], Madrid: [], Luxembourg: ['LUX'] });
  const weatherIntent = bot
    .newIntent('weather_intent', ['what is the weather in CITY?', 'weather in CITY'])
    .parameter('city1', 'CITY', cityEntity);

  const s0 = bot.newState('s0', { initial: true });
  const weatherState = bot.newState('weather_state');

  s0.setBody((session) => session.reply('Waiting...'));
  s0.whenIntentMatched(weatherIntent).goTo(weatherState);

  weatherState.setBody((session) => {
    const city = session.predictedIntent && getParameter(session.predictedIntent, 'city1')?.value;
    const temperature = typeof city === 'string' ? TEMPERATURES[city] : undefined;
    if (typeof city !== 'string' || temperature === undefined) {
      session.reply("Sorry, I didn't get the city");
      return;
    }
    session.set('temperature', temperature);
    session.reply(`The weather in ${city} is ${temperature}°C ${temperature < 15 ? '🥶' : '🥵'}`);
  });
  weatherState.whenCondition(temperatureAtMost, { max: 25 }).goTo(s0);
  weatherState.whenIntentMatched(weatherIntent).goTo(weatherState);

  return bot;
}

export const weatherEventBot: Bot = createWeatherEventBot();
