import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER_PARAMETERS, resolveHyperParameters } from './hyper-parameters';

describe('resolveHyperParameters', () => {
  it('fills defaults and applies overrides', () => {
    expect(resolveHyperParameters()).toEqual(DEFAULT_HYPER_PARAMETERS);
    expect(resolveHyperParameters({ epochs: 9, dropout: 0 })).toMatchObject({
      epochs: 9,
      dropout: 0,
      dimension: DEFAULT_HYPER_PARAMETERS.dimension,
    });
  });

  it('refuses unknown keys and out-of-range values, naming the field', () => {
    expect(() => resolveHyperParameters({ epoch: 3 })).toThrow(
      expect.objectContaining({ code: 'INVALID_DEFINITION', field: 'config.hyperParameters.epoch' }),
    );
    expect(() => resolveHyperParameters({ dimension: 0 })).toThrow(expect.objectContaining({ field: 'config.hyperParameters.dimension' }));
    expect(() => resolveHyperParameters({ members: 1.5 })).toThrow(/whole number/);
    expect(() => resolveHyperParameters({ dropout: 1 })).toThrow(/\[0, 1\)/);
    expect(() => resolveHyperParameters({ learningRate: -1 })).toThrow(
      expect.objectContaining({ field: 'config.hyperParameters.learningRate' }),
    );
    expect(() => resolveHyperParameters({ charMin: 5, charMax: 4 })).toThrow(
      expect.objectContaining({ field: 'config.hyperParameters.charMin' }),
    );
  });
});
