#!/usr/bin/env node
/** Entry point of the `cadencia` command (also the Windows executable's). */
import '../connector/sqlite/quiet-warning';
import { buildProgram } from './cli/program';

// Output piped into a command that stops reading (`cadencia estado | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

// No top-level await: the Windows single executable runs a CommonJS bundle.
buildProgram()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    console.error(`Error: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
