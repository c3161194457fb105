/**
 * BBF's greetings bot (bbf-behaviour.md §8) as a ScriptedBot, plus option buttons under "Hi! How are you?",
 * so the browser test has options to click. Keywords stand in for the NLU.
 */
import type { Reply } from '@parley/domain';
import type { ScriptedBot } from './memory-turns';

const say = (content: string): Reply => ({ type: 'str', content });
const FALLBACK = say("Sorry, I didn't get it");

export const greetingsBot: ScriptedBot = (state, request) => {
  if (state === undefined) return { state: 'initial_state', replies: [] };
  const text = request?.kind === 'message' ? request.text.trim().toLowerCase() : '';
  if (state === 'initial_state' && ['hello', 'hi'].includes(text)) {
    return { state: 'hello_state', replies: [say('Hi! How are you?'), { type: 'options', content: ['good', 'bad'] }] };
  }
  // good_state and bad_state go straight back to initial_state (automatic transition).
  if (state === 'hello_state' && ['good', 'fine'].includes(text)) {
    return { state: 'initial_state', replies: [say('I am glad to hear that!')] };
  }
  if (state === 'hello_state' && ['bad', 'awful'].includes(text)) {
    return { state: 'initial_state', replies: [say('I am sorry to hear that...')] };
  }
  return { state, replies: [FALLBACK] };
};
