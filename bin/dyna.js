#!/usr/bin/env node
// Thin entry point: the CLI lives in src/cli (compiled to dist/ by `npm ci` / `npm run build`).
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
