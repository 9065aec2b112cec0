/** When the client restarts a crashed language server, and when it tells the user (src/client/crashPolicy.ts). */
import * as assert from 'node:assert/strict';
import { CrashPolicy } from '../../src/client/crashPolicy';

/** A policy on a clock the test moves by hand. */
function policy(maxRestarts = 4, windowMs = 180_000): { p: CrashPolicy; advance: (ms: number) => void } {
  let t = 1_000_000;
  return { p: new CrashPolicy(maxRestarts, windowMs, () => t), advance: (ms) => { t += ms; } };
}

describe('CrashPolicy', () => {
  it('restarts after the first crash and tells the user', () => {
    const { p } = policy();
    assert.deepEqual(p.onCrash(), { restart: true, notify: true });
  });

  it('tells the user only once: later restarts are silent', () => {
    const { p, advance } = policy();
    p.onCrash();
    advance(1000);
    assert.deepEqual(p.onCrash(), { restart: true, notify: false });
    advance(10 * 60_000);
    assert.deepEqual(p.onCrash(), { restart: true, notify: false }, 'not even after the window');
  });

  it('restarts 4 times within 3 minutes, gives up on the 5th crash and says so', () => {
    const { p, advance } = policy();
    for (let i = 0; i < 4; i++) {
      assert.equal(p.onCrash().restart, true, `crash ${i + 1}`);
      advance(10_000);
    }
    assert.deepEqual(p.onCrash(), { restart: false, notify: true });
  });

  it('forgets crashes older than the window', () => {
    const { p, advance } = policy();
    for (let i = 0; i < 4; i++) p.onCrash();
    advance(180_001);
    assert.deepEqual(p.onCrash(), { restart: true, notify: false }, 'the four old crashes left the window');
  });

  it('counts a crash exactly at the window edge as inside it', () => {
    const { p, advance } = policy(1, 1000);
    p.onCrash();
    advance(1000);
    assert.equal(p.onCrash().restart, false);
  });

  it('starts counting again after a restart by the user, still without a second notice', () => {
    const { p } = policy(2);
    p.onCrash();
    p.onCrash();
    assert.equal(p.onCrash().restart, false);
    p.reset();
    assert.deepEqual(p.onCrash(), { restart: true, notify: false });
    assert.deepEqual(p.onCrash(), { restart: true, notify: false });
    assert.deepEqual(p.onCrash(), { restart: false, notify: true }, 'giving up is always said');
  });

  it('with maxRestarts 0 never restarts', () => {
    const { p } = policy(0);
    assert.deepEqual(p.onCrash(), { restart: false, notify: true });
  });

  it('keeps a connection whose stream failed (EPIPE, no count): its close decides about the restart', () => {
    const { p } = policy();
    assert.equal(p.onError(undefined), 'continue');
  });

  it('keeps a connection through three failed writes and shuts it down on the fourth', () => {
    const { p } = policy();
    assert.deepEqual([1, 2, 3, 4].map((n) => p.onError(n)), ['continue', 'continue', 'continue', 'shutdown']);
  });

  it('keeps a connection through any number of writes that failed because the stream is gone (the close decides)', () => {
    const { p } = policy();
    assert.deepEqual([1, 4, 10, 100].map((n) => p.onError(n, true)), ['continue', 'continue', 'continue', 'continue']);
    assert.equal(p.onError(4, false), 'shutdown');
  });
});
