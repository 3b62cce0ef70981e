import { foldForMatching } from './text-fold.js';

export type RemoteScope = 'global' | 'latam' | 'brazil' | 'restricted' | 'unknown';

// Checked in order: the first rule whose words appear in the location decides.
const RULES: [RemoteScope, RegExp][] = [
  ['restricted', /\b(usa|us only|u\.s\.|united states|canada|europe|eu only|uk only|emea|apac|on-?site|presencial)\b/],
  ['global', /\b(worldwide|anywhere|global|mundial|qualquer lugar|cualquier lugar|todo el mundo)\b/],
  ['latam', /\b(latam|latin america|america latina|latinoamerica|south america|americas|america do sul|america del sur)\b/],
  ['brazil', /\b(brazil|brasil)\b/],
];

/** Who may apply, read from the location a board gives; evidence is the location text itself. */
export function classifyRemoteScope(location: string | null): RemoteScope {
  if (!location) return 'unknown';
  const folded = foldForMatching(location.normalize('NFC'));
  for (const [scope, pattern] of RULES) if (pattern.test(folded)) return scope;
  return 'restricted';
}
