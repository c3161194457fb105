/**
 * Reads a written numeral ("3.5", "1,000", "1.000,25") as a JS number, by the language's decimal separator; the
 * other separator groups thousands only in groups of three, else it is a decimal point too ("3,5" in English).
 */
export function parseNumeral(numeral: string, decimalSeparator: '.' | ','): number | undefined {
  const group = decimalSeparator === '.' ? ',' : '.';
  const grouped = new RegExp(`^\\d{1,3}(?:\\${group}\\d{3})+(?:\\${decimalSeparator}\\d+)?$`);
  let plain: string;
  if (grouped.test(numeral)) plain = numeral.split(group).join('').replace(decimalSeparator, '.');
  else if (/^\d+(?:[.,]\d+)?$/.test(numeral)) plain = numeral.replace(',', '.');
  else return undefined;
  const value = Number(plain);
  return Number.isFinite(value) ? value : undefined;
}
