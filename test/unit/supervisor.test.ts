import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { Supervisor } from '../../scripts/lib/supervisor';

/** A child process as the supervisor sees it: messages, exit, kill. */
class FakeChild extends EventEmitter {
  static count = 0;
  readonly pid = ++FakeChild.count;
  exitCode: number | null = null;
  signalCode: NodeJS.Signals | null = null;
  readonly kills: string[] = [];

  ready(): void {
    this.emit('message', { type: 'ready', port: 1 });
  }

  crash(): void {
    this.exitCode = 1;
    this.emit('exit', 1, null);
  }

  kill(signal: NodeJS.Signals): boolean {
    this.kills.push(signal);
    this.signalCode = signal;
    this.emit('exit', null, signal);
    return true;
  }
}

describe('the supervisor', () => {
  let children: FakeChild[];
  let logs: string[];
  let supervisor: Supervisor;
  const spawn = () => {
    const child = new FakeChild();
    children.push(child);
    return child as unknown as ChildProcess;
  };

  beforeEach(() => {
    jest.useFakeTimers();
    children = [];
    logs = [];
    supervisor = new Supervisor({ initialBackoffMs: 100, maxBackoffMs: 500, log: (line) => logs.push(line) });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('restarts a crashed child, waiting twice as long after each crash before it is ready again', async () => {
    const started = supervisor.supervise('cfa', spawn);
    children[0].ready();
    await started;

    const delays: number[] = [];
    for (let crash = 0; crash < 5; crash += 1) {
      children.at(-1)!.crash();
      const before = children.length;
      let waited = 0;
      while (children.length === before) {
        jest.advanceTimersByTime(50);
        waited += 50;
      }
      delays.push(waited);
    }
    expect(delays).toEqual([100, 200, 400, 500, 500]);
    expect(supervisor.restarts('cfa')).toBe(5);
    expect(
      logs.filter((line) => /cfa \(pid \d+\) exited with code 1: restarting in/.test(line)),
    ).toHaveLength(5);

    // Ready again: the next crash starts over from the first delay.
    const back = supervisor.ready('cfa');
    children.at(-1)!.ready();
    await back;
    children.at(-1)!.crash();
    const before = children.length;
    jest.advanceTimersByTime(100);
    expect(children.length).toBe(before + 1);
  });

  it('fails the start of a child that exits before it is ready, without restarting it', async () => {
    const started = supervisor.supervise('pjj', spawn);
    children[0].crash();
    await expect(started).rejects.toThrow('pjj exited with code 1 before it was ready');
    jest.advanceTimersByTime(10_000);
    expect(children).toHaveLength(1);
  });

  it('stops every child with SIGTERM and restarts none', async () => {
    const started = Promise.all([supervisor.supervise('psad', spawn), supervisor.supervise('e2c', spawn)]);
    for (const child of children) child.ready();
    await started;
    await supervisor.stop();
    expect(children.map((child) => child.kills)).toEqual([['SIGTERM'], ['SIGTERM']]);
    jest.advanceTimersByTime(10_000);
    expect(children).toHaveLength(2);
  });
});
