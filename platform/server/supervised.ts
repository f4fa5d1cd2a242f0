/** The message a supervised server sends its supervisor once it listens (scripts/lib/supervisor.ts). */
export interface ReadyMessage {
  type: 'ready';
  port: number;
}

/**
 * Under a supervisor (`npm start` forks each server): says that the server is ready, and stops it when the
 * supervisor goes away, so that no server outlives it; SIGTERM stops it, SIGINT is left to the supervisor.
 * Does nothing in a process that was not forked.
 */
export function announceReady(port: number, stop: () => Promise<void>): void {
  if (!process.send) return;
  process.send({ type: 'ready', port } satisfies ReadyMessage);
  process.once('disconnect', () => void stop());
  // Ctrl-C reaches the whole process group: the supervisor's to act on (it sends SIGTERM), lest the server
  // stop on its own and be taken for a crash.
  process.removeAllListeners('SIGINT');
  process.on('SIGINT', () => undefined);
}
