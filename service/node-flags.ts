/**
 * The V8 options the service runs with. The Windows executable carries them in
 * its single-executable configuration (`execArgv`, installer/build/single-exe.ts),
 * so every `cadencia.exe` command starts with them; `npm run bench` runs its
 * bundle with the same ones.
 *
 * Why: a cycle over a large ERP (a million installments) holds the plan of
 * every customer for a moment, and with V8's defaults the heap then grows to
 * several times what is alive and is not given back while the service waits.
 * The service shares its machine with SQL Server, so memory matters more than
 * the last few percent of speed:
 * - a young generation of 4 MB per semi-space instead of 16 (V8's default on
 *   64 bits): up to ~36 MB less resident at every moment;
 * - the old generation grows by 20 % over what survived the last full
 *   collection instead of V8's dynamic 1.1×–4×, so a peak stays near what is
 *   really alive.
 * - two V8 helper threads (Node's default is four), each with its own
 *   buffers: the service works in the background of a shared server.
 * None is a hard limit: with more data the heap still grows as needed.
 * NODE_OPTIONS in the service's environment adds options (e.g. a heap cap with
 * --max-old-space-size); for the options here, these win.
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4', '--heap-growing-percent=20', '--v8-pool-size=2'];

/** The service's own options that this process was started with (for the start line of the log). */
export function activeServiceFlags(execArgv: readonly string[] = process.execArgv): string[] {
  return SERVICE_NODE_FLAGS.filter((f) => execArgv.includes(f));
}
