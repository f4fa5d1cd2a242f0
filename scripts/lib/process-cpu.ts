import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (`getconf CLK_TCK`: 100 on Linux). */
const TICKS_PER_SECOND = 100;

interface ProcessTimes {
  parent: number;
  /** User and system CPU time, in clock ticks. */
  ticks: number;
}

/** Every process's parent and CPU time, from /proc (Linux); empty elsewhere. */
function processTable(): Map<number, ProcessTimes> {
  const table = new Map<number, ProcessTimes>();
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return table;
  }
  for (const entry of entries) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name (field 2) may hold spaces and parentheses: read the fields after its last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(entry), { parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return table;
}

/**
 * The CPU milliseconds spent so far by each of `roots`' descendants (children, grandchildren…; the roots
 * themselves excluded), summed per root: a benchmark measures what the servers it started cost, not its
 * own load generation.
 */
export function descendantCpuMs(roots: Record<string, number>): Record<string, number> {
  const table = processTable();
  const children = new Map<number, number[]>();
  for (const [pid, { parent }] of table) children.set(parent, [...(children.get(parent) ?? []), pid]);
  const sum = (pid: number): number =>
    (children.get(pid) ?? []).reduce(
      (total, child) => total + (table.get(child)?.ticks ?? 0) + sum(child),
      0,
    );
  return Object.fromEntries(
    Object.entries(roots).map(([name, pid]) => [name, (sum(pid) * 1000) / TICKS_PER_SECOND]),
  );
}

/** The CPU milliseconds one process has spent so far (itself only), or 0 when it is gone. */
export function processCpuMs(pid: number): number {
  return ((processTable().get(pid)?.ticks ?? 0) * 1000) / TICKS_PER_SECOND;
}
