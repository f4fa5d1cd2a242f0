import { AsyncLocalStorage } from 'node:async_hooks';
import DataLoader from 'dataloader';

/**
 * The batch window of one request.
 *
 * DataLoader's own schedule dispatches a batch on the tick after its first key, so which keys share
 * a statement depended on when each database answer arrived: two answers in one poll of the event
 * loop, and the keys their resolvers asked for went out together; a few milliseconds apart, and
 * they went out as two statements. A window dispatches its request's batches only when the request
 * has settled: none of its fetches in flight, and every continuation run (a `setImmediate` comes
 * after the promise jobs and `process.nextTick`s through which graphql-js resolves a level). Batches
 * then follow the levels of the resolver tree, whatever the timing: the same request over the same
 * rows sends the same statements.
 */
export class BatchWindow {
  private fetching = 0;
  private readonly waiting: (() => void)[] = [];
  private armed = false;

  /** Holds a loader's batch until the request settles. */
  schedule(dispatch: () => void): void {
    this.waiting.push(dispatch);
    this.arm();
  }

  /**
   * Runs a batch's fetch, which keeps the window open until it answers. A loader used inside the
   * fetch gets no window (it is dispatched at once): waiting for the request to settle there would
   * wait for this very fetch.
   */
  async track<T>(fetch: () => Promise<T>): Promise<T> {
    this.fetching += 1;
    try {
      return await requestWindows.exit(fetch);
    } finally {
      this.fetching -= 1;
      this.arm();
    }
  }

  private arm(): void {
    if (this.armed || this.fetching > 0 || this.waiting.length === 0) return;
    this.armed = true;
    setImmediate(() => {
      this.armed = false;
      if (this.fetching > 0) return;
      for (const dispatch of this.waiting.splice(0)) dispatch();
    });
  }
}

const requestWindows = new AsyncLocalStorage<BatchWindow>();

/** Runs `handle` (one request) in a batch window of its own: loaders it uses batch by level. */
export function inBatchWindow<T>(handle: () => T): T {
  return requestWindows.run(new BatchWindow(), handle);
}

/**
 * Runs `work` (asynchronous but no fetch: a signature to check, say) as part of the current request's
 * window, which stays open until it is done: the loaders its continuation uses join their level's batch
 * instead of going out late in one of their own. Outside any request, runs it as is.
 */
export function withinBatchWindow<T>(work: () => Promise<T>): Promise<T> {
  const window = requestWindows.getStore();
  return window ? window.track(work) : work();
}

/**
 * A per-request DataLoader whose batches wait for the window of the request that uses it. Outside
 * any request (scripts, unit tests), it dispatches as DataLoader does by default.
 */
export function requestLoader<K, V>(fetch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
  return new DataLoader<K, V>(
    (keys) => {
      const window = requestWindows.getStore();
      return window ? window.track(() => fetch(keys)) : fetch(keys);
    },
    {
      batchScheduleFn: (dispatch) => {
        const window = requestWindows.getStore();
        if (window) window.schedule(dispatch);
        else void Promise.resolve().then(() => process.nextTick(dispatch));
      },
    },
  );
}
