import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../service/config';
import { fixture, lineOf, TempDir } from './helpers';

describe('files as Windows editors save them', () => {
  let tmp: TempDir | null = null;
  afterEach(() => tmp?.remove());

  it('reads UTF-8 with a byte-order mark and CRLF line ends', () => {
    tmp = new TempDir();
    const text = `\uFEFF${fixture('minimo.ini').replace(/\n/g, '\r\n')}`;
    const cfg = loadConfig(tmp.write('cadencia.ini', text), {});
    expect(cfg.company.name).toBe('Ferretería Los Andes SRL');
    expect(cfg.staff.collector.name).toBe('Laura Gómez');
  });

  it('keeps line numbers right with CRLF, and rejects a file that is not UTF-8', () => {
    tmp = new TempDir();
    const crlf = `${fixture('minimo.ini')}\n[historial]\ndias = 10\n`.replace(/\n/g, '\r\n');
    expect(() => loadConfig(tmp!.write('crlf.ini', crlf), {})).toThrow(
      new RegExp(`crlf\\.ini:${lineOf(crlf.replace(/\r/g, ''), 'dias')}: \\[historial\\] dias: se esperaba un número entero entre 30 y 3650`),
    );
    const latin1 = Buffer.from(fixture('minimo.ini'), 'latin1');
    const file = tmp.write('latin1.ini', '');
    writeFileSync(file, latin1);
    let error: unknown;
    try {
      loadConfig(file, {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      `${file}:${lineOf(fixture('minimo.ini'), 'nombre')}: [empresa]: caracteres ilegibles: guarde el archivo con codificación UTF-8`,
    );
  });
});
