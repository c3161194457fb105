/**
 * A small base-entity example (BBF's entities docs): an `age_intent` whose parameter `age` is a `base.number`,
 * kept as a session variable and branched on with variable transitions. Numbers arrive as numbers ("five" → 5).
 */
import { Bot, baseEntities } from '@parley/bot';
import { getParameter } from '@parley/domain';

const VOTING_AGE = 18;

function createAgeBot(): Bot {
  const bot = new Bot('age_bot', { language: 'en' });

  const ageIntent = bot
    .newIntent('age_intent', ['I am AGE years old', 'my age is AGE', 'I am AGE', 'AGE years old'])
    .parameter('age', 'AGE', baseEntities.number);

  const greetState = bot.newState('greet_state', { initial: true });
  const waitState = bot.newState('wait_state');
  const ageState = bot.newState('age_state');
  const minorState = bot.newState('minor_state');
  const adultState = bot.newState('adult_state');

  greetState.setBody((session) => session.reply("Hi! How old are you? (e.g. 'I am 30 years old')"));
  greetState.goTo(waitState);
  waitState.whenIntentMatched(ageIntent).goTo(ageState);

  ageState.setBody((session) => {
    const age = session.predictedIntent && getParameter(session.predictedIntent, 'age')?.value;
    // null (no number found) sends the user back to wait_state below.
    session.set('age', typeof age === 'number' && age >= 0 ? age : null);
    if (session.get('age') === null) session.reply("Sorry, I didn't get your age");
  });
  // Taken at once after the body, in this order (BBF §4.3 a).
  ageState.whenVariableMatchesOperation('age', '==', null).goTo(waitState);
  ageState.whenVariableMatchesOperation('age', '<', VOTING_AGE).goTo(minorState);
  ageState.whenVariableMatchesOperation('age', '>=', VOTING_AGE).goTo(adultState);

  minorState.setBody((session) => session.reply(`You are ${String(session.get('age'))}: too young to vote.`));
  minorState.goTo(waitState);
  adultState.setBody((session) => session.reply(`You are ${String(session.get('age'))}: old enough to vote.`));
  adultState.goTo(waitState);

  return bot;
}

export const ageBot: Bot = createAgeBot();
