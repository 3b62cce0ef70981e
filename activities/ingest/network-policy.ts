// The SSRF guard: a source URL (some of them typed by users) must never make a worker reach an
// address inside the operator's network — loopback services, the cloud metadata endpoint, private
// ranges — unless the operator named it in SOURCE_ALLOWLIST.
import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
// ip-address classifies against the IANA special-purpose registries, including IPv4 embedded in
// IPv6 (::ffff:10.0.0.1, 64:ff9b::…), which is where hand-written range lists usually go wrong.
import { Address4, Address6 } from 'ip-address';
import { PermanentError } from '../errors.js';

export interface NetworkPolicy {
  /** Skip every address check (a trusted development set-up); only the http/https rule remains. */
  allowPrivate: boolean;
  /**
   * What the operator lets sources reach although it is not public: host names ("feeds.intranet"),
   * IPs ("10.1.2.3", "::1") or CIDRs ("10.0.0.0/8"), each optionally with a port
   * ("127.0.0.1:8080", "[::1]:8080", "localhost:8080") to allow that port only.
   */
  allowList: string[];
}

/** The policy when the operator allows nothing extra. */
export const PUBLIC_ONLY: NetworkPolicy = { allowPrivate: false, allowList: [] };

export type AddressClass =
  | 'unspecified'
  | 'loopback'
  | 'cloud metadata'
  | 'link-local'
  | 'private'
  | 'carrier-grade NAT'
  | 'multicast'
  | 'broadcast'
  | 'documentation'
  | 'benchmarking'
  | 'reserved'
  | 'special-purpose';

export class BlockedAddressError extends PermanentError {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly addressClass: AddressClass,
  ) {
    const where = host === address ? `${host} is` : `${host} resolves to ${address}, which is`;
    super(`${where} a ${addressClass} address; sources may reach only public addresses unless the operator lists it in SOURCE_ALLOWLIST`);
    this.name = 'BlockedAddressError';
  }
}

// Instance-metadata services hand out cloud credentials; named apart so the error says so.
// (AWS/GCP/Azure/OCI 169.254.169.254, ECS tasks 169.254.170.2, Alibaba 100.100.100.200, AWS IPv6 fd00:ec2::254.)
const METADATA = new Set(['169.254.169.254', '169.254.170.2', '100.100.100.200', 'fd00:ec2::254']);

type Parsed = Address4 | Address6;

function parseAddress(address: string): Parsed | null {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare.split('%')[0] ?? '');
  if (family === 4) return new Address4(bare);
  if (family === 6) return new Address6(bare);
  return null;
}

/** IPv4 written as IPv6 (::ffff:127.0.0.1, 64:ff9b::7f00:1) is judged as the IPv4 it reaches. */
const reached = (a: Parsed): Parsed => (a instanceof Address6 ? (a.embeddedIPv4() ?? a) : a);

/** Why an address is not public, or null when it is globally reachable. */
export function nonPublicClass(address: string): AddressClass | null {
  const parsed = parseAddress(address);
  if (!parsed) throw new Error(`${address} is not an IP address`);
  const target = reached(parsed);
  if (METADATA.has(target.correctForm())) return 'cloud metadata';
  if (target.isUnspecified()) return 'unspecified';
  if (target.isLoopback()) return 'loopback';
  if (target.isLinkLocal()) return 'link-local';
  if (target.isPrivate()) return 'private';
  if (target.isCGNAT()) return 'carrier-grade NAT';
  if (target.isMulticast()) return 'multicast';
  if (target.isBroadcast()) return 'broadcast';
  if (target.isDocumentation()) return 'documentation';
  if (target.isBenchmarking()) return 'benchmarking';
  if (target instanceof Address4 && target.isReserved()) return 'reserved';
  // Everything else the IANA registries mark as not globally reachable (0.0.0.0/8, 192.0.0.0/24,
  // 100::/64, fec0::/10, Teredo, 6to4, unallocated IPv6 space …).
  return target.isGlobal() ? null : 'special-purpose';
}

interface AllowEntry {
  port: string | null;
  host?: string;
  net?: Parsed;
}

function parseAllowEntry(entry: string): AllowEntry {
  const text = entry.trim();
  if (text.includes('/')) {
    try {
      return { port: null, net: text.includes(':') ? new Address6(text) : new Address4(text) };
    } catch {
      throw new Error(`SOURCE_ALLOWLIST entry "${entry}" is not a CIDR`);
    }
  }
  let url: URL;
  try {
    url = new URL(`http://${text.includes(':') && !text.startsWith('[') && isIP(text) === 6 ? `[${text}]` : text}`);
  } catch {
    throw new Error(`SOURCE_ALLOWLIST entry "${entry}" is neither a host name, an IP, nor a CIDR`);
  }
  const port = url.port || null;
  const net = parseAddress(url.hostname);
  return net ? { port, net } : { port, host: url.hostname.replace(/\.$/, '') };
}

const portOf = (url: URL) => url.port || (url.protocol === 'https:' ? '443' : '80');

function inNet(address: string, net: Parsed): boolean {
  const parsed = parseAddress(address);
  if (!parsed) return false;
  // An IPv4 rule also covers the same address written as IPv4-mapped IPv6, and the other way round.
  if (net instanceof Address4) {
    const v4 = reached(parsed);
    return v4 instanceof Address4 && v4.isInSubnet(net);
  }
  return (parsed instanceof Address6 ? parsed : Address6.fromAddress4(parsed.correctForm())).isInSubnet(net);
}

/** The policy's checks for one URL: its allow-list entries read once. */
class UrlCheck {
  private readonly entries: AllowEntry[];
  readonly host: string;
  private readonly port: string;

  constructor(
    readonly url: URL,
    readonly policy: NetworkPolicy,
  ) {
    this.entries = policy.allowList.filter((e) => e.trim() !== '').map(parseAllowEntry);
    this.host = url.hostname.replace(/^\[|\]$/g, '');
    this.port = portOf(url);
  }

  private portMatches(entry: AllowEntry): boolean {
    return entry.port === null || entry.port === this.port;
  }

  /** A host name the operator listed is trusted whatever it resolves to (their DNS, their call). */
  get hostAllowed(): boolean {
    if (this.policy.allowPrivate) return true;
    const name = this.host.toLowerCase().replace(/\.$/, '');
    return this.entries.some((e) => e.host === name && this.portMatches(e));
  }

  assertAddress(address: string): void {
    if (this.policy.allowPrivate) return;
    const why = nonPublicClass(address);
    if (why === null) return;
    if (this.entries.some((e) => e.net && this.portMatches(e) && inNet(address, e.net))) return;
    throw new BlockedAddressError(this.host, address, why);
  }

  /** Resolves the host (every address it has) and refuses it if any address is not allowed. */
  async resolve(): Promise<LookupAddress[]> {
    let addresses: LookupAddress[];
    try {
      addresses = await lookup(this.host, { all: true, verbatim: true });
    } catch (error) {
      // Not permanent: a DNS hiccup is worth the source's retry.
      throw new Error(`${this.host} could not be resolved: ${(error as Error).message}`, { cause: error });
    }
    if (!this.hostAllowed) for (const { address } of addresses) this.assertAddress(address);
    return addresses;
  }
}

function httpUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PermanentError(`${url} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new PermanentError(`${url}: only http and https sources are supported`);
  }
  return parsed;
}

/**
 * Refuses a URL that is not http(s), or whose host is (or resolves to, for any of its addresses) a
 * non-public address the policy does not allow. The WHATWG URL parser has already turned every
 * IPv4 spelling (2130706433, 0177.0.0.1, 0x7f.1, 127.1) into dotted decimal and compressed IPv6,
 * and it is the same parser the request uses, so the host checked is the host connected to.
 */
export async function assertPublicUrl(url: string, policy: NetworkPolicy): Promise<void> {
  const check = new UrlCheck(httpUrl(url), policy);
  if (check.policy.allowPrivate) return;
  if (isIP(check.host)) return check.assertAddress(check.host);
  if (check.hostAllowed) return;
  await check.resolve();
}

/**
 * A `lookup` for the connection itself (node:http / node:net): it resolves, checks and hands the
 * socket exactly the addresses it checked, so a DNS answer that changes between assertPublicUrl
 * and the connect (DNS rebinding) cannot slip a private address in.
 */
export function guardedLookup(url: string, policy: NetworkPolicy): LookupFunction {
  const check = new UrlCheck(httpUrl(url), policy);
  return (hostname, options, callback) => {
    if (hostname.replace(/^\[|\]$/g, '') !== check.host) {
      callback(new PermanentError(`connection to ${hostname} was not the checked host ${check.host}`), '', 0);
      return;
    }
    check.resolve().then(
      (all) => {
        const usable = options.family === 4 || options.family === 6 ? all.filter((a) => a.family === options.family) : all;
        const first = usable[0];
        if (!first) return callback(Object.assign(new Error(`${hostname} has no IPv${options.family} address`), { code: 'ENOTFOUND' }), '', 0);
        if (options.all) return callback(null, usable);
        callback(null, first.address, first.family);
      },
      (error: Error) => callback(error, '', 0),
    );
  };
}

/** SOURCE_ALLOWLIST: comma-separated host names, IPs or CIDRs; checked at start-up so a typo fails loudly. */
export function parseAllowList(raw: string | undefined): string[] {
  const entries = (raw ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) parseAllowEntry(entry);
  return entries;
}
