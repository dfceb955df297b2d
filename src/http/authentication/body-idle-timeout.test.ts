import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { AuthenticationError } from './authentication-error.js';
import { BodyIdleTimeout } from './body-idle-timeout.js';

const TIMEOUT_MS = 40;

/** A response whose socket is gone, so only the signal is observed. */
const detachedResponse = { socket: null } as unknown as ServerResponse;

function watchedBody(): { body: PassThrough; idle: BodyIdleTimeout } {
  const body = new PassThrough();
  body.on('data', () => undefined);
  const idle = new BodyIdleTimeout(body, detachedResponse, TIMEOUT_MS);
  idle.start();
  return { body, idle };
}

describe('BodyIdleTimeout', () => {
  it('aborts with RequestTimeout after silence', async () => {
    const { body, idle } = watchedBody();
    body.write('first bytes');

    await sleep(TIMEOUT_MS * 3);

    assert.equal(idle.signal.aborted, true);
    assert.ok(idle.signal.reason instanceof AuthenticationError);
    assert.equal(idle.signal.reason.code, 'RequestTimeout');
    assert.equal(idle.signal.reason.statusCode, 400);
  });

  it('keeps a body that keeps sending', async () => {
    const { body, idle } = watchedBody();

    for (let piece = 0; piece < 8; piece += 1) {
      await sleep(TIMEOUT_MS / 3);
      body.write('more');
    }

    assert.equal(idle.signal.aborted, false);
    body.end();
  });

  it('does not count time the consumer has the body paused', async () => {
    const { body, idle } = watchedBody();
    body.pause();

    await sleep(TIMEOUT_MS * 3);
    assert.equal(idle.signal.aborted, false);

    body.resume();
    await sleep(TIMEOUT_MS * 3);
    assert.equal(idle.signal.aborted, true);
  });

  it('stops watching once the body ends', async () => {
    const { body, idle } = watchedBody();
    body.end('all of it');

    await sleep(TIMEOUT_MS * 3);

    assert.equal(idle.signal.aborted, false);
  });
});
