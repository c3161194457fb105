/**
 * The fuzzers' seed: PARLEY_FUZZ_SEED replays a run; under CI=true a fixed seed keeps CI repeatable (a landing must
 * not hang on a new random draw); elsewhere every run draws a new seed to explore further (each summary records it).
 */
const CI_SEED = 20261125;

export function fuzzSeed(): number {
  const given = Number(process.env['PARLEY_FUZZ_SEED'] ?? '');
  if (given) return given;
  return process.env['CI'] === 'true' ? CI_SEED : Date.now() % 2 ** 31;
}
