/**
 * BBF's weather bot (weather_bot.py), the entity example: a custom `city_entity` with synonyms, read back from the
 * prediction as parameter `city1` ("weather in barna" → Barcelona). The temperature is random, as in BBF.
 */
import { Bot } from '@parley/bot';
import { getParameter } from '@parley/domain';

function createWeatherBot(): Bot {
  const bot = new Bot('weather_bot', { language: 'en' });

  const cityEntity = bot.newEntity('city_entity', {
    Barcelona: ['BCN', 'barna'],
    Madrid: [],
    Luxembourg: ['LUX'],
  });
  const weatherIntent = bot
    .newIntent('weather_intent', ['what is the weather in CITY?', 'weather in CITY'])
    .parameter('city1', 'CITY', cityEntity);

  const s0 = bot.newState('s0', { initial: true });
  const weatherState = bot.newState('weather_state');

  s0.setBody((session) => session.reply('Waiting...'));
  s0.whenIntentMatched(weatherIntent).goTo(weatherState);

  weatherState.setBody((session) => {
    const city = session.predictedIntent && getParameter(session.predictedIntent, 'city1')?.value;
    if (typeof city !== 'string') {
      session.reply("Sorry, I didn't get the city");
      return;
    }
    const temperature = Math.floor(Math.random() * 31);
    session.reply(`The weather in ${city} is ${temperature}°C ${temperature < 15 ? '🥶' : '🥵'}`);
  });
  weatherState.goTo(s0);

  return bot;
}

export const weatherBot: Bot = createWeatherBot();
