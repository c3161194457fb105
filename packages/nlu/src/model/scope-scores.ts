/**
 * A scope's scores from the all-intents probabilities: the geometric mean of an intent's probability among all
 * intents and its probability among the scope's intents, p / √(Σ scope p). Measured on CLINC150 scopes (10 of 5
 * intents, threshold 0.4; bench/nlu/clinc.mjs --scopes and packages/nlu/README.md): raw probabilities reject 99.8 %
 * of text meant for other intents but accept only 87 % of the scope's own text (the rest of the mass sits on
 * look-alike intents outside the scope); renormalising within the scope accepts 99 % but also 75 % of the other
 * intents' text; the geometric mean keeps 94 % and rejects 99.5 %. For the all-intents scope it is the probability.
 */
export function scopeScores(probabilities: Float32Array, intents: readonly number[]): Float32Array {
  if (intents.length === probabilities.length) return probabilities;
  let total = 0;
  for (const index of intents) total += probabilities[index]!;
  if (total <= 0) return probabilities;
  const scale = 1 / Math.sqrt(total);
  const scores = new Float32Array(probabilities.length);
  for (const index of intents) scores[index] = Math.min(1, probabilities[index]! * scale);
  return scores;
}
