#!/usr/bin/env node
'use strict';
require('../dist/src/cli/main.js')
  .main(process.argv)
  .catch((err) => {
    process.stderr.write(`weft: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
