// Politeness towards each server: one request at a time per host from this worker process, so
// sources that share a host (every Greenhouse board is boards-api.greenhouse.io) queue behind each
// other instead of hitting it in parallel. Fetch workers are stateless, so a second worker process
// has its own queue; what bounds the total is the pipeline running each source once per run.

interface HostQueue {
  active: number;
  waiting: Array<() => void>;
}

export class HostLimiter {
  private readonly hosts = new Map<string, HostQueue>();

  constructor(readonly perHost = 1) {
    if (!Number.isInteger(perHost) || perHost < 1) throw new Error(`per-host concurrency must be a positive integer, not ${perHost}`);
  }

  /** Waits for a free slot for `host` (host:port); the returned function gives it back, once. */
  async acquire(host: string): Promise<() => void> {
    const queue = this.hosts.get(host) ?? { active: 0, waiting: [] };
    this.hosts.set(host, queue);
    if (queue.active < this.perHost) queue.active += 1;
    // A released slot is handed straight to the next waiter (active stays counted), in arrival order.
    else await new Promise<void>((resolve) => queue.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = queue.waiting.shift();
      if (next) return next();
      queue.active -= 1;
      if (queue.active === 0) this.hosts.delete(host);
    };
  }

  /** Requests to `host` in flight and queued. */
  load(host: string): { active: number; waiting: number } {
    const queue = this.hosts.get(host);
    return { active: queue?.active ?? 0, waiting: queue?.waiting.length ?? 0 };
  }
}

/** One per worker process: every fetch (built-in boards, custom sources, robots.txt) shares it. */
export const hostLimiter = new HostLimiter();
