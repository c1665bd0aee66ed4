import type { NextFunction, Request, Response } from 'express';
import { errorResponse } from './error-status';

/** An async route body: its result is the JSON answer. */
export type Handler = (req: Request, res: Response) => Promise<unknown>;

/**
 * Wraps an async handler: its result is sent as JSON (`{ ok: true }` for none), a thrown error as
 * `{ error: { code, message } }` with the HTTP API's status for its code.
 */
export function handle(work: Handler) {
  return (req: Request, res: Response, next: NextFunction): void => {
    work(req, res).then(
      (body) => {
        if (!res.headersSent) res.json(body ?? { ok: true });
      },
      (err: unknown) => {
        if (res.headersSent) return next(err);
        const { status, body } = errorResponse(err);
        res.status(status).json(body);
      },
    );
  };
}
