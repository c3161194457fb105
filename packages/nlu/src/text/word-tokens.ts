/**
 * Splits text into runs of letters and digits with their offsets. A hand-written loop: on short texts it is
 * several times faster than a Unicode RegExp, and the entity recognizer tokenizes every text it sees.
 */
export interface WordToken {
  text: string;
  start: number;
  end: number;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

export function isWordChar(char: string | undefined): boolean {
  if (char === undefined || char === '') return false;
  const code = char.charCodeAt(0);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
  return WORD_CHAR.test(char);
}

export function wordTokens(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const inWord = i < text.length && isWordChar(text[i]);
    if (inWord && start < 0) start = i;
    else if (!inWord && start >= 0) {
      tokens.push({ text: text.slice(start, i), start, end: i });
      start = -1;
    }
  }
  return tokens;
}
