/**
 * Resolves after `onSignal` finished for the first SIGINT/SIGTERM. Later signals are ignored while
 * shutting down (Ctrl-C reaches both npm's process and ours), so a double signal cannot cut cleanup short.
 */
export function onShutdownSignal(onSignal: (signal: string) => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    let stopping = false;
    const handler = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      onSignal(signal).then(resolve, reject);
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  });
}
