/** Running a shipped T-SQL script in a test the way sqlcmd / SSMS do. */
import type { Knex } from 'knex';

/** One batch per GO line; batches holding only comments are not sent. */
export async function runScript(db: Knex, script: string): Promise<void> {
  for (const batch of script.split(/^GO[ \t]*$/m)) {
    if (batch.replace(/\/\*[\s\S]*?\*\//g, '').replace(/--.*$/gm, '').trim() === '') continue;
    await db.raw(batch);
  }
}
