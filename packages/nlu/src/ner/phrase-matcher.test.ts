import { describe, expect, it } from 'vitest';
import { PhraseMatcher } from './phrase-matcher';

describe('PhraseMatcher', () => {
  const matcher = new PhraseMatcher([
    ['New York', 'ny'],
    ['York', 'york'],
    ['new york city', 'nyc'],
    ['São Paulo', 'sp'],
  ]);

  it('finds every whole-word occurrence, overlaps included', () => {
    expect(matcher.findAll('new york city').map((hit) => hit.payload)).toEqual(['ny', 'nyc', 'york']);
    expect(matcher.findAll('yorkshire newyork')).toEqual([]);
  });

  it('keeps the longest of overlapping hits', () => {
    expect(matcher.findLongest('from new york city to york').map((hit) => [hit.payload, hit.start, hit.end])).toEqual([
      ['nyc', 5, 18],
      ['york', 22, 26],
    ]);
  });

  it('matches folded phrases across any run of spaces', () => {
    expect(matcher.findLongest('sao   paulo').map((hit) => hit.payload)).toEqual(['sp']);
  });

  it('lets the caller refuse a hit', () => {
    expect(matcher.findLongest('york york', (hit) => hit.start === 0).map((hit) => hit.start)).toEqual([0]);
  });
});
