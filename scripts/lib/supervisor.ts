import type { ChildProcess } from 'node:child_process';

export interface SupervisorOptions {
  /** The first restart's delay; each crash before the child is ready again doubles it. */
  initialBackoffMs?: number;
  /** The longest delay between two restarts. */
  maxBackoffMs?: number;
  /** How long a child may take to stop on SIGTERM before it is killed. */
  stopTimeoutMs?: number;
  log: (message: string) => void;
}

/** Starts one child process (`child_process.fork`, or a `node:cluster` worker's process). */
export type Spawn = () => ChildProcess;

interface Unit {
  name: string;
  spawn: Spawn;
  child: ChildProcess | null;
  /** Crashes since the child was last ready: the exponent of the backoff. */
  crashes: number;
  restarts: number;
  timer: NodeJS.Timeout | null;
  waiters: { resolve: () => void; reject: (error: Error) => void }[];
  everReady: boolean;
}

/**
 * Keeps child processes running: each is started, expected to send `{ type: 'ready' }` once it serves
 * (platform/server/supervised.ts), and restarted when it exits, after a delay that doubles with each crash
 * before it is ready again (capped), so that a child that cannot start does not spin. A child that exits
 * before its first `ready` fails the start instead (a configuration error, not a crash). `stop()` sends
 * SIGTERM to every child, then SIGKILL to those still there after `stopTimeoutMs`.
 */
export class Supervisor {
  private readonly units = new Map<string, Unit>();
  private stopping = false;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly stopTimeoutMs: number;

  constructor(private readonly options: SupervisorOptions) {
    this.initialBackoffMs = options.initialBackoffMs ?? 250;
    this.maxBackoffMs = options.maxBackoffMs ?? 10_000;
    this.stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
  }

  /** Starts `name` and resolves once it is ready. */
  supervise(name: string, spawn: Spawn): Promise<void> {
    if (this.units.has(name)) throw new Error(`${name} is already supervised`);
    const unit: Unit = {
      name,
      spawn,
      child: null,
      crashes: 0,
      restarts: 0,
      timer: null,
      waiters: [],
      everReady: false,
    };
    this.units.set(name, unit);
    const ready = this.ready(name);
    this.start(unit);
    return ready;
  }

  /** Resolves when `name` next says it is ready (after a restart, for instance). */
  ready(name: string): Promise<void> {
    const unit = this.unit(name);
    return new Promise((resolve, reject) => unit.waiters.push({ resolve, reject }));
  }

  /** The process id of `name`'s current child (null while it is being restarted). */
  pid(name: string): number | null {
    return this.unit(name).child?.pid ?? null;
  }

  /** How many times `name` was restarted. */
  restarts(name: string): number {
    return this.unit(name).restarts;
  }

  get names(): string[] {
    return [...this.units.keys()];
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const exits = [...this.units.values()].map((unit) => {
      if (unit.timer) clearTimeout(unit.timer);
      for (const waiter of unit.waiters.splice(0)) waiter.reject(new Error(`${unit.name} stopped`));
      const child = unit.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const kill = setTimeout(() => child.kill('SIGKILL'), this.stopTimeoutMs);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      });
    });
    await Promise.all(exits);
  }

  private unit(name: string): Unit {
    const unit = this.units.get(name);
    if (!unit) throw new Error(`no supervised process named ${name}`);
    return unit;
  }

  private start(unit: Unit): void {
    unit.timer = null;
    const child = unit.spawn();
    unit.child = child;
    child.on('message', (message: { type?: unknown }) => {
      if (message?.type !== 'ready') return;
      if (unit.everReady) this.options.log(`[supervisor] ${unit.name} is back (pid ${child.pid})`);
      unit.everReady = true;
      unit.crashes = 0;
      for (const waiter of unit.waiters.splice(0)) waiter.resolve();
    });
    child.once('exit', (code, signal) => {
      if (unit.child === child) unit.child = null;
      if (this.stopping) return;
      const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
      if (!unit.everReady) {
        this.options.log(`[supervisor] ${unit.name} ${how} before it was ready`);
        for (const waiter of unit.waiters.splice(0))
          waiter.reject(new Error(`${unit.name} ${how} before it was ready`));
        return;
      }
      const delay = Math.min(this.initialBackoffMs * 2 ** unit.crashes, this.maxBackoffMs);
      unit.crashes += 1;
      unit.restarts += 1;
      this.options.log(`[supervisor] ${unit.name} (pid ${child.pid}) ${how}: restarting in ${delay} ms`);
      unit.timer = setTimeout(() => this.start(unit), delay);
    });
  }
}
