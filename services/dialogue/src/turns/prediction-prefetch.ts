/**
 * Starts a message's NLU call before the session is loaded, in the scope of the state this process last saw the
 * session in, so the prediction overlaps the store's lock and load instead of following them. The bot asks through
 * the predictor `start` returns: the early answer is used only when the bot asks for that very text and scope (the
 * loaded state was the guessed one); otherwise — another replica moved the session, or a first turn here — the
 * NLU is simply asked again. A wrong guess costs one extra NLU call, never a wrong answer.
 */
import type { PredictOptions, Predictor } from '@parley/bot';
import { LRUCache } from 'lru-cache';

type Predict = Predictor['predict'];

export class PredictionPrefetch {
  /** Session id → the state this process last saw it in. */
  private readonly lastState: LRUCache<string, string>;

  constructor(
    private readonly predict: Predict,
    /** The scopes the NLU model has: one per state with intent transitions. */
    private readonly scopes: ReadonlySet<string>,
    /** Sessions remembered at most (least recently seen forgotten first). */
    capacity = 10_000,
  ) {
    this.lastState = new LRUCache({ max: capacity });
  }

  remember(id: string, state: string): void {
    this.lastState.set(id, state);
  }

  forget(id: string): void {
    this.lastState.delete(id);
  }

  /** `options` (the request id) go with every NLU call made for this turn. */
  start(id: string, text: string, options: PredictOptions = {}): Predictor {
    const scope = this.lastState.get(id);
    if (scope === undefined || !this.scopes.has(scope)) return { predict: (asked, askedScope) => this.predict(asked, askedScope, options) };
    const early = this.predict(text, scope, options);
    // Observed here so a failure of an unused guess is not an unhandled rejection; a used one rejects the turn.
    early.catch(() => undefined);
    let used = false;
    return {
      predict: (asked, askedScope) => {
        if (used || asked !== text || askedScope !== scope) return this.predict(asked, askedScope, options);
        used = true;
        return early;
      },
    };
  }
}
