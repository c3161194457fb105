/**
 * The one rule for "empty" text, on every channel (REST, WebSocket, gRPC): a text is blank when it holds no
 * character a person could see. White space (Unicode White_Space: spaces, tabs, line breaks, no-break and
 * ideographic spaces), invisible format characters (Default_Ignorable_Code_Point: zero-width space, joiners, word
 * joiner, byte order mark, soft hyphen, variation selectors) and control characters carry nothing to classify or
 * answer, so a text made only of them is refused as TEXT_EMPTY, where `String.prototype.trim` alone would let
 * "\u200b" through while refusing "\u00a0".
 */
const INVISIBLE_ONLY = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}]*$/u;

export function isBlankText(text: string): boolean {
  return INVISIBLE_ONLY.test(text);
}
