/**
 * A one-line progress bar on a terminal, plain lines otherwise (CI logs, pipes), both on stderr
 * so that stdout keeps only what a script is asked to print.
 */
export class Progress {
  private done = 0;
  private readonly interactive = Boolean(process.stderr.isTTY) && !process.env.CI;

  constructor(
    private readonly total: number,
    private readonly quiet = false,
  ) {}

  step(label: string): void {
    this.done = Math.min(this.total, this.done + 1);
    if (this.quiet) return;
    const width = 24;
    const filled = Math.round((this.done / this.total) * width);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done}/${this.total} ${label}`;
    if (this.interactive) process.stderr.write(`\r\x1b[2K${line}${this.done === this.total ? '\n' : ''}`);
    else process.stderr.write(`${line}\n`);
  }
}
