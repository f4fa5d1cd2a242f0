/**
 * jose 6 is published as ES modules only. Node 20.19 could `require` it, but Jest's CommonJS
 * runtime cannot, so the hub loads it with a dynamic import (which swc keeps as is:
 * `ignoreDynamic`), once.
 */
let loading: Promise<typeof import('jose')> | undefined;

export function loadJose(): Promise<typeof import('jose')> {
  loading ??= import('jose');
  return loading;
}
