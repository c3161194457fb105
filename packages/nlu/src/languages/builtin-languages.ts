/** The languages Parley ships: BBF's set. A new language is one file plus one line here (or a registerLanguage call). */
import { catalan } from './catalan';
import { dutch } from './dutch';
import { english } from './english';
import { french } from './french';
import { german } from './german';
import { italian } from './italian';
import type { Language } from './language';
import { luxembourgish } from './luxembourgish';
import { portuguese } from './portuguese';
import { spanish } from './spanish';

export const BUILTIN_LANGUAGES: readonly Language[] = [
  english,
  spanish,
  french,
  german,
  italian,
  portuguese,
  dutch,
  catalan,
  luxembourgish,
];
