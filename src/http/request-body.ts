import { loadExpress } from './lazy-modules';
import type { Request, RequestHandler } from 'express';
import { ErrorCodes } from '../errors';
import { HttpStatusError } from './error-status';

/** Default largest request body: 2 MiB, the core's payload limit. */
export const DEFAULT_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

const JSON_TYPES = ['application/json', 'application/*+json'];

/** True when the request carries a body (a non-zero Content-Length, or a chunked body). */
export function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = req.headers['content-length'];
  return length !== undefined && length !== '0';
}

/**
 * Middleware that parses a JSON body of any JSON value (not only objects) up to `limitBytes`. A body with
 * another content type is refused with 415 (code `VALIDATION`); malformed JSON gives 400 and a body over
 * the limit 413, through the router's error handler. A request without a body passes with no input.
 *
 * @param limitBytes - the largest body accepted
 * @returns the middleware chain for routes that take a JSON body
 */
export function jsonBody(limitBytes: number): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    if (hasBody(req) && !req.is(JSON_TYPES)) {
      const sent = req.headers['content-type'] ?? '(none)';
      next(
        new HttpStatusError(
          415,
          ErrorCodes.VALIDATION,
          `The request body must be JSON (Content-Type: application/json); got Content-Type ${sent}.`,
        ),
      );
      return;
    }
    next();
  };
  return [requireJson, loadExpress().json({ limit: limitBytes, strict: false, type: JSON_TYPES })];
}

/** The parsed JSON body, or undefined when the request had none. */
export function bodyOf(req: Request): unknown {
  return hasBody(req) ? (req.body as unknown) : undefined;
}
