/**
 * Builds the one-word numbers 21–99 of languages that write them as one word (German "dreiundzwanzig", Dutch
 * "drieëntwintig", Italian "ventitré"), so each language file states only its rule of composition.
 */
export function composeNumberWords(
  tens: Readonly<Record<string, number>>,
  units: Readonly<Record<string, number>>,
  join: (ten: string, unit: string) => string,
): Record<string, number> {
  const words: Record<string, number> = {};
  for (const [ten, tenValue] of Object.entries(tens)) {
    for (const [unit, unitValue] of Object.entries(units)) words[join(ten, unit)] = tenValue + unitValue;
  }
  return words;
}
