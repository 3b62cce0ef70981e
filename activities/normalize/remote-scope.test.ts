import { describe, expect, it } from 'vitest';
import { classifyRemoteScope } from './remote-scope.js';

describe('classifyRemoteScope', () => {
  it.each([
    ['Worldwide', 'global'],
    ['Anywhere in the World', 'global'],
    ['LATAM', 'latam'],
    ['Americas', 'latam'],
    ['América Latina', 'latam'],
    ['Brasil', 'brazil'],
    ['Remote - Brazil', 'brazil'],
    ['USA Only', 'restricted'],
    ['Europe', 'restricted'],
    ['Chile', 'restricted'],
    [null, 'unknown'],
    ['', 'unknown'],
  ] as const)('%s → %s', (location, scope) => {
    expect(classifyRemoteScope(location)).toBe(scope);
  });
});
