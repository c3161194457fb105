/** A model's calibration (threshold, its source, fusion weights, familiarity exponent) ↔ the Calibration message. */
import type { Calibration } from '@parley/nlu';
import type { nluV1 } from '@parley/proto';

const SOURCES: ReadonlySet<string> = new Set<Calibration['thresholdSource']>(['definition', 'cross-validation', 'default']);

export function calibrationToWire(calibration: Calibration): nluV1.Calibration {
  return { ...calibration };
}

export function calibrationFromWire(wire: nluV1.Calibration__Output): Calibration {
  return {
    threshold: wire.threshold,
    thresholdSource: SOURCES.has(wire.thresholdSource) ? (wire.thresholdSource as Calibration['thresholdSource']) : 'default',
    fusionWeight: wire.fusionWeight,
    nearestWeight: wire.nearestWeight,
    familiarityExponent: wire.familiarityExponent,
  };
}
