/**
 * What the language server needs from where it runs, given by its entry: Node
 * (src/server/server.ts) or a browser's web worker (src/web/server.ts). The server's own code
 * imports no `node:` module and assumes no Node global: the browser bundle needs no stubs.
 */
export interface ServerRuntime {
  /**
   * The bytes of a file that is not open in the editor (a `file:` URI), for a request about
   * it; undefined where files can't be read (a web worker). Throws when the file can't be read.
   */
  readonly readFile: ((uri: string) => Uint8Array) | undefined;
  /** One turn of the event loop: messages received meanwhile (a cancellation, a newer edit) are handled first. */
  yieldNow(): Promise<void>;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

/** A runtime of the standard timers alone (a web worker has no setImmediate). */
export const TIMERS_ONLY: ServerRuntime = {
  readFile: undefined,
  yieldNow: () => new Promise<void>((resolve) => { setTimeout(resolve, 0); }),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (handle) => { clearTimeout(handle as ReturnType<typeof setTimeout>); },
};
