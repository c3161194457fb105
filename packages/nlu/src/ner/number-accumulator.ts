/**
 * Adds up the atoms of one spoken number, refusing atoms that cannot continue it, so "two three" is two numbers
 * while "twenty three", "hundred and five", "soixante-dix" and "mil millones" are one.
 */
import type { Atom } from './number-word-reader';

export class NumberAccumulator {
  /** Sum of the parts closed by a multiplier of a thousand or more. */
  private total = 0;
  /** The open part below a thousand (or the numeral). */
  private current = 0;
  private lastMultiplier = Infinity;
  private count = 0;
  private articlesOnly = true;
  private afterNumeral = false;

  clone(): NumberAccumulator {
    return Object.assign(new NumberAccumulator(), this);
  }

  /** A numeral can only start a number ("2 million", not "twenty 2"). */
  takeNumeral(value: number): boolean {
    if (this.count > 0) return false;
    this.current = value;
    this.afterNumeral = true;
    return this.counted(false);
  }

  take(atom: Atom): boolean {
    if (atom.kind === 'value') return this.takeValue(atom.value) && this.counted(atom.article);
    if (atom.kind === 'multiplier') return this.takeMultiplier(atom.value) && this.counted(false);
    return false;
  }

  /** The number read so far; undefined when nothing, or only an article ("un"), was read. */
  get value(): number | undefined {
    if (this.count === 0 || (this.count === 1 && this.articlesOnly)) return undefined;
    return this.total + this.current;
  }

  private counted(article: boolean): true {
    this.count++;
    this.articlesOnly &&= article;
    return true;
  }

  private takeValue(value: number): boolean {
    if (this.afterNumeral) return false;
    if (value >= 100) {
      // "doscientos" starts a new hundreds part.
      if (this.current !== 0) return false;
    } else if (!this.canAdd(value)) return false;
    this.current += value;
    return true;
  }

  private canAdd(value: number): boolean {
    const rest = this.current % 100;
    if (rest === 0) return true;
    if (value < 10 && rest >= 20 && rest % 10 === 0) return true; // twenty five
    if (value < 20 && (rest === 60 || rest === 80)) return true; // soixante-dix, quatre-vingt-onze
    return value < 10 && rest === 10; // dix-sept
  }

  private takeMultiplier(multiplier: number): boolean {
    // "2 million five hundred": words may follow a numeral once a multiplier closed it.
    this.afterNumeral = false;
    if (multiplier < 1000) {
      if (this.current >= 100) return false;
      this.current = (this.current === 0 ? 1 : this.current) * multiplier;
      return true;
    }
    if (this.current === 0 && this.total > 0) {
      // "mil millones": a larger multiplier scales everything before it.
      if (multiplier <= this.lastMultiplier) return false;
      this.total *= multiplier;
    } else {
      if (multiplier >= this.lastMultiplier) return false;
      this.total += (this.current === 0 ? 1 : this.current) * multiplier;
      this.current = 0;
    }
    this.lastMultiplier = multiplier;
    return true;
  }
}
