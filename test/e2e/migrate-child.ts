/**
 * A process that migrates a SQLite file as soon as a signal file appears, so
 * a test can start two of them at the same instant (see migration-race.test.ts).
 * Prints the MigrationResult as JSON; exit code 1 with the message on failure.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { migrate } from '../../connector/addon/migrations';
import { addonTables } from '../../connector/addon/tables';
import { openDatabase } from '../../connector/connection';

const [file, ready, go] = process.argv.slice(2) as [string, string, string];
const db = openDatabase({ kind: 'sqlite', file });
await db.raw('SELECT 1');
writeFileSync(ready, String(process.pid));
while (!existsSync(go)) await new Promise((r) => setTimeout(r, 2));
try {
  console.log(JSON.stringify(await migrate(db, addonTables('COB_'))));
} catch (err) {
  console.log(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
} finally {
  await db.destroy();
}
