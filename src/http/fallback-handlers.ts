import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../core';
import { defaultLogger } from '../core';
import { HttpErrorCodes, toErrorResponse } from './error-status';

/**
 * A last handler that answers unknown routes with 404 `{ error: { code: 'ROUTE_NOT_FOUND', message } }`.
 * `serveWorkflows` adds it to the app it creates; add it last to your own app to get the same.
 *
 * @returns the handler
 */
export function routeNotFoundHandler(): RequestHandler {
  return (req, res) => {
    res.status(404).json({
      error: {
        code: HttpErrorCodes.ROUTE_NOT_FOUND,
        message: `No route ${req.method} ${req.path}. See GET /openapi.json for the routes served.`,
      },
    });
  };
}

/**
 * A last error handler in the same JSON shape; unexpected errors are logged and answered with a 500 that
 * does not include the error or its stack.
 *
 * @param logger - where unexpected errors go; default {@link defaultLogger} (`console`, by `WEFT_LOG_LEVEL`)
 * @returns the error handler
 */
export function jsonErrorHandler(logger: Pick<Logger, 'error'> = defaultLogger()): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const answer = toErrorResponse(err);
    if (answer.unexpected) logger.error(`weft http: ${req.method} ${req.originalUrl} failed`, err);
    if (answer.headers) res.set(answer.headers);
    res.status(answer.status).json(answer.body);
  };
}
