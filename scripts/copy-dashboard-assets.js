'use strict';
/** Copies the dashboard's stylesheet next to its compiled scripts in dist/ (tsc copies only .ts output). */
const { cpSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const to = join(root, 'dist', 'src', 'dashboard', 'assets');
mkdirSync(to, { recursive: true });
cpSync(join(root, 'src', 'dashboard', 'assets', 'dashboard.css'), join(to, 'dashboard.css'));
