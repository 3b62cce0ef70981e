// robots.txt (RFC 9309) for the pages this product scrapes. The job-board APIs built in are
// published for programs and need no check; a scraped page is fetched only if its site allows it.
import robotsParserModule from 'robots-parser';
import { PermanentError } from '../errors.js';
import { fetchText, HttpStatusError } from './http-fetch.js';
import type { NetworkPolicy } from './network-policy.js';

/** RFC 9309 asks crawlers to read at least 500 KiB; a bigger file is refused rather than half-read. */
export const ROBOTS_LIMITS = { timeoutMs: 10_000, maxBytes: 512 * 1024 };
/** Re-read once an hour (RFC 9309: never trust a copy older than 24 hours). */
const TTL_MS = 60 * 60 * 1000;
/** Sites remembered per worker process; the oldest is forgotten first. */
const MAX_SITES = 1_000;

// The package is CommonJS (module.exports = the function) but its types declare an ES default
// export, so under NodeNext TypeScript sees the default import as the namespace; at run time it is the function.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;
type Robot = ReturnType<typeof robotsParser>;

export class DisallowedByRobotsError extends PermanentError {
  constructor(
    readonly url: string,
    readonly userAgent: string,
    readonly line: number,
  ) {
    super(`${new URL(url).origin}/robots.txt (line ${line}) does not allow ${userAgent.split('/')[0]} to fetch ${url}`);
    this.name = 'DisallowedByRobotsError';
  }
}

/** What robots.txt says about one URL: allowed (else it throws) and the pause it asks for between requests. */
export interface RobotsVerdict {
  crawlDelayMs: number;
}

export class RobotsCache {
  private readonly sites = new Map<string, { robot: Promise<Robot>; expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The parsed robots.txt of the URL's origin, read at most once per TTL (concurrent callers share one read). */
  rulesFor(url: string, policy: NetworkPolicy): Promise<Robot> {
    const robotsUrl = `${new URL(url).origin}/robots.txt`;
    const cached = this.sites.get(robotsUrl);
    if (cached && cached.expires > this.now()) return cached.robot;
    const robot = readRobots(robotsUrl, policy);
    this.sites.delete(robotsUrl);
    this.sites.set(robotsUrl, { robot, expires: this.now() + TTL_MS });
    if (this.sites.size > MAX_SITES) this.sites.delete(this.sites.keys().next().value as string);
    // A failed read is not remembered: the next fetch asks again.
    robot.catch(() => {
      if (this.sites.get(robotsUrl)?.robot === robot) this.sites.delete(robotsUrl);
    });
    return robot;
  }
}

async function readRobots(robotsUrl: string, policy: NetworkPolicy): Promise<Robot> {
  try {
    return robotsParser(robotsUrl, await fetchText(robotsUrl, { ...ROBOTS_LIMITS, policy }));
  } catch (error) {
    // 4xx ("unavailable", 404 included): no rules, everything is allowed (RFC 9309 §2.3.1.3).
    const status = error instanceof PermanentError && error.cause instanceof HttpStatusError ? error.cause.status : null;
    if (status !== null && status >= 400 && status < 500) return robotsParser(robotsUrl, '');
    if (error instanceof PermanentError) throw new PermanentError(`${robotsUrl} could not be read: ${error.message}`, { cause: error });
    // 5xx or no answer ("unreachable"): assume everything is disallowed until it answers (§2.3.1.4).
    throw new Error(`${robotsUrl} is unreachable (${(error as Error).message}); not crawling that site until it answers`, { cause: error });
  }
}

/** One per worker process. */
export const robotsCache = new RobotsCache();

/**
 * Throws DisallowedByRobotsError when the site's robots.txt forbids `userAgent` (matched on its
 * product token: "vagas-ai-latam" for USER_AGENT) to fetch `url`; otherwise says what Crawl-delay it asks for.
 * robots.txt itself is fetched under the same network policy as the page.
 */
export async function assertAllowedByRobots(url: string, userAgent: string, policy: NetworkPolicy, cache: RobotsCache = robotsCache): Promise<RobotsVerdict> {
  const robot = await cache.rulesFor(url, policy);
  if (robot.isAllowed(url, userAgent) === false) throw new DisallowedByRobotsError(url, userAgent, robot.getMatchingLineNumber(url, userAgent));
  const delaySeconds = Number(robot.getCrawlDelay(userAgent) ?? 0);
  return { crawlDelayMs: Number.isFinite(delaySeconds) && delaySeconds > 0 ? delaySeconds * 1000 : 0 };
}
