// Query parameters that only say where a click came from; removing them makes reposts of one link equal.
const TRACKING = /^(utm_.*|ref|ref_src|source|src|fbclid|gclid|mc_cid|mc_eid|_hsenc|_hsmi|trk|trackingid|lipi)$/i;

/** The same job page reached through different tracking links gets one URL; null for unusable URLs. */
export function canonicalUrl(raw: string | null): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.protocol = 'https:';
  url.hash = '';
  url.hostname = url.hostname.toLowerCase().replace(/^www\./, '');
  const kept = [...url.searchParams.entries()].filter(([key]) => !TRACKING.test(key)).sort(([a], [b]) => a.localeCompare(b));
  url.search = new URLSearchParams(kept).toString();
  url.pathname = url.pathname.replace(/\/+$/, '') || '/';
  return url.toString();
}
