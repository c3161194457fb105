/** The wire form of model events: what goes out parses back; anything else is refused with a reason. */
import { describe, expect, it } from 'vitest';
import { decodeModelChange, encodeModelChange, type ModelChange } from './model-change';

describe('model change messages', () => {
  it.each<ModelChange>([
    { modelId: 'weather_bot', change: 'version-added', version: 'a1b2c3' },
    { modelId: 'weather_bot', change: 'alias-set', version: 'a1b2c3', alias: 'production' },
    { modelId: 'weather_bot', change: 'version-deleted', version: 'a1b2c3' },
    { modelId: 'weather_bot', change: 'model-deleted' },
  ])('round-trips $change', (change) => {
    expect(decodeModelChange(encodeModelChange(change))).toEqual(change);
  });

  it.each([
    ['not JSON', 'hello', /not JSON/],
    ['an unknown change', '{"model":"bot","change":"renamed"}', /change/],
    ['a model id that is not a folder name', '{"model":"../etc","change":"model-deleted"}', /model/],
    ['a bad alias', '{"model":"bot","change":"alias-set","version":"v1","alias":"1x"}', /alias/],
    ['no model', '{"change":"model-deleted"}', /model/],
  ])('refuses %s', (_case, text, reason) => {
    expect(() => decodeModelChange(text)).toThrow(reason);
  });
});
