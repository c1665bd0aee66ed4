/* eslint-disable @typescript-eslint/no-require-imports */
import type express from 'express';
import type * as classValidator from 'class-validator';
import type * as classTransformer from 'class-transformer';

/**
 * The HTTP layer's libraries, loaded on first use: `import 'weft-workflows'` in a worker or a test does not pay for
 * Express and class-validator (about 0.3 s) unless it serves HTTP.
 */
export function loadExpress(): typeof express {
  return require('express') as typeof express;
}

/** class-validator, loaded on first use (its metadata store is global, so DTOs decorated earlier are seen). */
export function loadClassValidator(): typeof classValidator {
  return require('class-validator') as typeof classValidator;
}

/** class-transformer, loaded on first use. */
export function loadClassTransformer(): typeof classTransformer {
  return require('class-transformer') as typeof classTransformer;
}
