#!/usr/bin/env node
// @ts-check
import { main } from '../src/cli.js';
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
