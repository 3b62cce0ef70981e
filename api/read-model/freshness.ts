// When a cached value must be read again. Every write the cache must reflect marks its scopes
// changed after it committed; a value is stored with the epoch at which its load began, and is
// stale once any of its scopes changed at or after that epoch. A load that raced a write (began
// before the write committed, stored after it was marked) is therefore never served.

export class Freshness {
  private epoch = 1;
  private readonly changedAt = new Map<string, number>();

  /** Take this before loading a value; store the value with it. */
  now(): number {
    return this.epoch;
  }

  changed(scope: string): void {
    this.epoch += 1;
    this.changedAt.set(scope, this.epoch);
  }

  fresh(loadedAt: number, scopes: readonly string[]): boolean {
    return scopes.every((scope) => loadedAt >= (this.changedAt.get(scope) ?? 0));
  }
}

/** A map that forgets its least recently used entries past `capacity`. */
export class Lru<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.evictOldest();
  }

  /** Forgets the least recently used entry and returns its value. */
  evictOldest(): V | undefined {
    const oldest = this.entries.entries().next();
    if (oldest.done) return undefined;
    this.entries.delete(oldest.value[0]);
    return oldest.value[1];
  }

  clear(): void {
    this.entries.clear();
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * A map that keeps about the `capacity` most recently used entries (up to twice that), for hot
 * paths: a hit in the newer generation is one Map read, where Lru's reordering is a delete and a
 * set on every hit. Once the newer generation is full, the older one is forgotten whole.
 */
export class Generations<K, V> {
  private newer = new Map<K, V>();
  private older = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.newer.get(key);
    if (value !== undefined) return value;
    const kept = this.older.get(key);
    if (kept !== undefined) this.set(key, kept);
    return kept;
  }

  set(key: K, value: V): void {
    this.newer.set(key, value);
    if (this.newer.size >= this.capacity) {
      this.older = this.newer;
      this.newer = new Map();
    }
  }
}
