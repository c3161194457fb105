/**
 * BBF's canonical first bot (greetings_bot.py): say hello, get asked how you are, get an answer, start over.
 * Anything it does not understand gets the default fallback reply, "Sorry, I didn't get it".
 */
import { Bot } from '@parley/bot';

function createGreetingsBot(): Bot {
  const bot = new Bot('greetings_bot', { language: 'en' });

  const helloIntent = bot.newIntent('hello_intent', ['hello', 'hi']);
  const goodIntent = bot.newIntent('good_intent', ['good', 'fine']);
  const badIntent = bot.newIntent('bad_intent', ['bad', 'awful']);

  const initialState = bot.newState('initial_state', { initial: true });
  const helloState = bot.newState('hello_state');
  const goodState = bot.newState('good_state');
  const badState = bot.newState('bad_state');

  initialState.whenIntentMatched(helloIntent).goTo(helloState);

  helloState.setBody((session) => {
    session.reply('Hi! How are you?');
    // Buttons for the web chat (BBF's greetings bot has none); a click sends the text as a message.
    session.replyOptions(['good', 'bad']);
  });
  helloState.whenIntentMatched(goodIntent).goTo(goodState);
  helloState.whenIntentMatched(badIntent).goTo(badState);

  goodState.setBody((session) => session.reply('I am glad to hear that!'));
  goodState.goTo(initialState);

  badState.setBody((session) => session.reply('I am sorry to hear that...'));
  badState.goTo(initialState);

  return bot;
}

export const greetingsBot: Bot = createGreetingsBot();
