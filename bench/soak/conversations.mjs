// A pool of weather-bot conversations for the soak: each slot holds a session that takes a fixed number of turns,
// then is replaced by a new session, as users come and go, so the store keeps growing while the set of active
// sessions stays the same size.
import { postJson } from '../lib/http-client.mjs';

const TEXTS = ['what is the weather in BCN?', 'weather in Madrid', 'weather in LUX', 'what is the weather in barna?', 'hello'];

export class Conversations {
  constructor(port, { slots, turnsPerSession }) {
    this.port = port;
    this.turnsPerSession = turnsPerSession;
    this.slots = Array.from({ length: slots }, () => ({ session: undefined, turns: 0 }));
    this.sessionsCreated = 0;
  }

  /** One user message on slot `i % slots` (opening a new session first when due); resolves with its latency in ms. */
  async turn(i) {
    const slot = this.slots[i % this.slots.length];
    if (slot.session === undefined || slot.turns >= this.turnsPerSession) {
      slot.turns = 0;
      slot.session = postJson(this.port, '/v1/sessions', {}).then((created) => created.id);
      this.sessionsCreated += 1;
    }
    slot.turns += 1;
    const id = await slot.session;
    const start = performance.now();
    await postJson(this.port, `/v1/sessions/${id}/messages`, { text: TEXTS[i % TEXTS.length] });
    return performance.now() - start;
  }
}
