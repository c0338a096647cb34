/**
 * Streams rows into a SQLite table through one prepared multi-row INSERT, so
 * a million rows cost a few thousand statement executions and memory stays
 * at one batch.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';

export type Cell = string | number | null;

export class BatchInsert {
  private readonly full: StatementSync;
  private buffer: Cell[] = [];
  private pendingRows = 0;
  count = 0;

  constructor(
    private readonly db: DatabaseSync,
    private readonly table: string,
    private readonly columns: readonly string[],
    private readonly batchSize = 500,
  ) {
    this.full = db.prepare(this.sql(batchSize));
  }

  private sql(rows: number): string {
    const tuple = `(${this.columns.map(() => '?').join(', ')})`;
    return `INSERT INTO ${this.table} (${this.columns.join(', ')}) VALUES ${Array(rows).fill(tuple).join(', ')}`;
  }

  add(row: readonly Cell[]): void {
    for (const cell of row) this.buffer.push(cell);
    this.pendingRows += 1;
    this.count += 1;
    if (this.pendingRows === this.batchSize) {
      this.full.run(...this.buffer);
      this.buffer = [];
      this.pendingRows = 0;
    }
  }

  flush(): void {
    if (this.pendingRows === 0) return;
    this.db.prepare(this.sql(this.pendingRows)).run(...this.buffer);
    this.buffer = [];
    this.pendingRows = 0;
  }
}
