/**
 * @module Connects the received body to its verifier.
 */
import type { Readable } from 'node:stream';
import { AuthenticationError } from './authentication-error.js';
import type { PayloadPlan } from './payload-plan.js';
import { PayloadVerifier } from './payload-verifier.js';
import type { VerifiedSignature } from './verify-signature.js';

function truncatedBody(): AuthenticationError {
  return new AuthenticationError(
    'IncompleteBody',
    'You did not provide the number of bytes specified by the Content-Length HTTP header.',
  );
}

/**
 * Pipes `source` through a `PayloadVerifier`. Unlike `stream.pipeline`, a
 * failed or abandoned verifier does not destroy the source: the rest of the
 * body is read and dropped instead, so the connection stays usable and the
 * server can still send its error response. When `signal` aborts, the
 * verifier fails with the signal's reason.
 */
export function createPayloadStream(
  source: Readable,
  plan: PayloadPlan,
  signature: VerifiedSignature | undefined,
  signal?: AbortSignal,
): PayloadVerifier {
  const verifier = new PayloadVerifier(plan, signature);

  // A body that a handler never reads must not crash the process when it fails.
  // Consumers that do read it receive the error through their own listeners.
  verifier.on('error', () => {});

  let sourceEnded = false;
  source.once('end', () => {
    sourceEnded = true;
  });
  // Node.js reports a client that disconnects mid-body as an error or a close without end.
  source.on('error', () => verifier.destroy(truncatedBody()));
  source.once('close', () => {
    if (!sourceEnded) verifier.destroy(truncatedBody());
  });

  verifier.once('close', () => {
    if (sourceEnded) return;
    source.unpipe(verifier);
    source.resume();
  });

  const onAbort = (): void => {
    verifier.destroy(signal?.reason as Error);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  verifier.once('close', () => signal?.removeEventListener('abort', onAbort));

  source.pipe(verifier);
  return verifier;
}
