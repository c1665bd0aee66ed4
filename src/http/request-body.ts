import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Request, RequestHandler, Response } from 'express';
import { ErrorCodes } from '../errors';
import { jsonTextNestsDeeperThan, LIMITS } from '../core/limits';
import { HttpStatusError } from './error-status';

/** Default largest request body: 2 MiB, the core's payload limit ({@link LIMITS.payloadBytes}). */
export const DEFAULT_BODY_LIMIT_BYTES = LIMITS.payloadBytes;

const JSON_TYPES = ['application/json', 'application/*+json'];

/** After an early 413, at most this many more bytes are read (and dropped) so the client sees the answer. */
const DRAIN_LIMIT_BYTES = 4 * 1024 * 1024;

/** True when the request carries a body (a non-zero Content-Length, or a chunked body). */
export function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = req.headers['content-length'];
  return length !== undefined && length !== '0';
}

/**
 * Middleware that reads a JSON body of any JSON value (not only objects), bounded before any work is done:
 *
 * - a body of another content type is refused with 415, a charset other than UTF-8 or an unknown
 *   Content-Encoding with 415;
 * - a `Content-Length` over `limitBytes` is answered 413 at once, before the body is read, and so is a
 *   streamed (chunked or compressed) body as soon as it passes the limit; the connection is then closed;
 * - text nesting arrays and objects deeper than `maxDepth` is refused with 400 before it is parsed;
 * - malformed JSON gives 400.
 *
 * Errors have code `VALIDATION` and go through the router's error handler. A request without a body
 * passes with no input.
 *
 * @param limitBytes - the largest body accepted, in bytes (after decompression)
 * @param maxDepth - the deepest nesting accepted; default {@link LIMITS.jsonDepth}
 * @returns the middleware chain for routes that take a JSON body
 */
export function jsonBody(limitBytes: number, maxDepth: number = LIMITS.jsonDepth): RequestHandler[] {
  return [(req, res, next) => readJsonBody(req, res, limitBytes, maxDepth, next)];
}

/** The parsed JSON body, or undefined when the request had none. */
export function bodyOf(req: Request): unknown {
  return hasBody(req) ? (req.body as unknown) : undefined;
}

function readJsonBody(
  req: Request,
  res: Response,
  limitBytes: number,
  maxDepth: number,
  next: (err?: unknown) => void,
): void {
  if (!hasBody(req)) return next();
  if (!req.is(JSON_TYPES)) {
    const sent = req.headers['content-type'] ?? '(none)';
    return next(
      refusal(
        415,
        `The request body must be JSON (Content-Type: application/json); got Content-Type ${sent}.`,
      ),
    );
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(req.headers['content-type'] ?? '')?.[1];
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    return next(refusal(415, `The charset "${charset.slice(0, 40)}" is not supported. Send UTF-8 JSON.`));
  }
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  const stream = decoderFor(encoding, req);
  if (!stream) {
    return next(
      refusal(
        415,
        `Content-Encoding ${encoding.slice(0, 40)} is not supported; send identity, gzip, deflate or br.`,
      ),
    );
  }
  const declared = Number(req.headers['content-length']);
  if (stream === req && Number.isFinite(declared) && declared > limitBytes) {
    return refuseTooLarge(req, res, stream, `${declared} bytes`, limitBytes, next);
  }

  const chunks: Buffer[] = [];
  let received = 0;
  let done = false;
  const finish = () => {
    done = true;
    stream.off('data', onData);
    stream.off('end', onEnd);
    stream.off('error', onError);
    req.off('aborted', onAborted);
  };
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    if (received > limitBytes) {
      finish();
      refuseTooLarge(req, res, stream, `more than ${limitBytes} bytes`, limitBytes, next);
      return;
    }
    chunks.push(chunk);
  };
  const onEnd = () => {
    finish();
    try {
      req.body = parseJson(Buffer.concat(chunks, received), maxDepth);
      next();
    } catch (err) {
      next(err);
    }
  };
  const onError = (err: Error) => {
    finish();
    const what = stream === req ? 'read' : `decompressed (${encoding})`;
    next(refusal(400, `The request body could not be ${what}: ${err.message}.`));
  };
  const onAborted = () => {
    if (!done) onError(new Error('the client closed the connection'));
  };
  stream.on('data', onData);
  stream.once('end', onEnd);
  stream.once('error', onError);
  req.once('aborted', onAborted);
}

/** Parses the bytes of a JSON body after checking how deep it nests. An empty body is `{}`, as body-parser's. */
function parseJson(bytes: Buffer, maxDepth: number): unknown {
  if (jsonTextNestsDeeperThan(bytes, maxDepth)) {
    throw refusal(
      400,
      `The request body nests arrays and objects more than ${maxDepth} levels deep, over the limit of ${maxDepth}; flatten it.`,
    );
  }
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw refusal(400, `The request body is not valid JSON: ${(err as Error).message}`);
  }
}

function decoderFor(encoding: string, req: Request): Readable | undefined {
  const make =
    encoding === 'identity'
      ? undefined
      : encoding === 'gzip' || encoding === 'x-gzip'
        ? createGunzip
        : encoding === 'deflate'
          ? createInflate
          : encoding === 'br'
            ? createBrotliDecompress
            : null;
  if (make === null) return undefined;
  if (make === undefined) return req;
  return req.pipe(make());
}

/**
 * Answers 413 now, without reading the rest of the body: stops the decoder, asks for the connection to close,
 * and drops what the client still sends (up to {@link DRAIN_LIMIT_BYTES}, then the socket is cut) so that
 * it can read the answer.
 */
function refuseTooLarge(
  req: Request,
  res: Response,
  stream: Readable,
  size: string,
  limitBytes: number,
  next: (err?: unknown) => void,
): void {
  if (stream !== req) {
    req.unpipe(stream as unknown as NodeJS.WritableStream);
    stream.destroy();
  }
  res.set('Connection', 'close');
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT_BYTES) req.socket.destroy();
  });
  req.resume();
  next(
    new HttpStatusError(
      413,
      ErrorCodes.VALIDATION,
      `The request body is ${size}, over the limit of ${limitBytes} bytes.`,
    ),
  );
}

function refusal(status: number, message: string): HttpStatusError {
  return new HttpStatusError(status, ErrorCodes.VALIDATION, message);
}
