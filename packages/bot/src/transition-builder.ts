/** The second half of BBF's fluent transitions: `state.whenX(…)` names the condition, `.goTo(dest)` adds it. */
import type { State } from './state';

export class TransitionBuilder {
  readonly #add: (dest: State) => void;

  constructor(add: (dest: State) => void) {
    this.#add = add;
  }

  goTo(dest: State): void {
    this.#add(dest);
  }
}
