/**
 * When to restart a crashed language server. Pure logic, no VS Code: tested on its own.
 * The server is restarted after a crash unless it crashed `maxRestarts` times within
 * `windowMs`; the user is told once per session that it was restarted.
 */
export interface CrashDecision {
  readonly restart: boolean;
  /** Tell the user now (the first restart of the session, or giving up). */
  readonly notify: boolean;
}

export class CrashPolicy {
  private readonly crashes: number[] = [];
  private told = false;

  constructor(
    private readonly maxRestarts = 4,
    private readonly windowMs = 3 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  onCrash(): CrashDecision {
    const t = this.now();
    this.crashes.push(t);
    while (this.crashes.length > 0 && t - this.crashes[0]! > this.windowMs) this.crashes.shift();
    if (this.crashes.length > this.maxRestarts) {
      return { restart: false, notify: true };
    }
    const notify = !this.told;
    this.told = true;
    return { restart: true, notify };
  }

  /**
   * Whether to keep the connection after an error on it. vscode-jsonrpc reports a write that
   * failed with its running count, but an error of the stream itself (EPIPE: the server process
   * is gone) with no count: that connection is about to close, and the close decides about the
   * restart. Shutting down here would stop the client before the close is seen, and a crashed
   * server would never come back. The same for writes that fail because the stream is gone
   * (`streamGone`: EPIPE, a destroyed stream), however many are in flight when the server dies:
   * a burst of them used to reach the fourth and stop the client for good (seen once in the
   * end-to-end crash test). Only repeated write errors on a stream that is still there shut it
   * down.
   */
  onError(count: number | undefined, streamGone = false): 'continue' | 'shutdown' {
    return streamGone || count === undefined || count <= 3 ? 'continue' : 'shutdown';
  }

  /** A restart by the user starts counting again. */
  reset(): void {
    this.crashes.length = 0;
  }
}
