#!/usr/bin/env node
/** Entry point of the `cadencia` command (also the Windows executable's). */
import '../connector/sqlite/quiet-warning';
import { buildProgram } from './cli/program';

// No top-level await: the Windows single executable runs a CommonJS bundle.
buildProgram()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    console.error(`Error: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
