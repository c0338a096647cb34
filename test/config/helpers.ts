import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const FIXTURES = resolve(import.meta.dirname, '../fixtures/config');
export const EXAMPLE = resolve(import.meta.dirname, '../../cadencia.ejemplo.ini');

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** 1-based number of the first line that starts with `start` (after trimming). */
export function lineOf(text: string, start: string, from = 1): number {
  const lines = text.split('\n');
  for (let i = from - 1; i < lines.length; i++) if (lines[i]!.trim().startsWith(start)) return i + 1;
  throw new Error(`line starting with ${start} not found`);
}

/** Text with the first line starting with `start` replaced by `line` (or removed when null). */
export function replaceLine(text: string, start: string, line: string | null): string {
  const n = lineOf(text, start);
  const lines = text.split('\n');
  lines.splice(n - 1, 1, ...(line === null ? [] : [line]));
  return lines.join('\n');
}

/** Text with `lines` inserted right after the `[section]` header. */
export function addToSection(text: string, section: string, ...lines: string[]): string {
  const n = lineOf(text, `[${section}]`);
  const all = text.split('\n');
  all.splice(n, 0, ...lines);
  return all.join('\n');
}

export class TempDir {
  readonly path = mkdtempSync(join(tmpdir(), 'cadencia-config-'));
  write(name: string, text: string): string {
    const file = join(this.path, name);
    writeFileSync(file, text, 'utf8');
    return file;
  }
  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}
