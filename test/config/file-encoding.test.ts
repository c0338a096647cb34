import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../service/config';
import { decodeIniBytes } from '../../service/config/file-encoding';
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

  it('keeps line numbers right with CRLF', () => {
    tmp = new TempDir();
    const crlf = `${fixture('minimo.ini')}\n[historial]\ndias = 10\n`.replace(/\n/g, '\r\n');
    expect(() => loadConfig(tmp!.write('crlf.ini', crlf), {})).toThrow(
      new RegExp(`crlf\\.ini:${lineOf(crlf.replace(/\r/g, ''), 'dias')}: \\[historial\\] dias: se esperaba un número entero entre 30 y 3650`),
    );
  });

  // Notepad's «ANSI» on a Spanish Windows is Windows-1252; its «Unicode» is UTF-16 with a byte-order mark.
  const encodings: [string, (text: string) => Buffer][] = [
    ['Windows-1252 (ANSI)', (t) => Buffer.from(t, 'latin1')],
    ['UTF-16 LE with BOM (Unicode)', (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')])],
    ['UTF-16 BE with BOM', (t) => Buffer.from(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]).swap16())],
    ['UTF-16 LE without BOM', (t) => Buffer.from(t, 'utf16le')],
  ];
  for (const [name, encode] of encodings) {
    it(`reads a file saved as ${name}, accents and line numbers included`, () => {
      tmp = new TempDir();
      const text = fixture('minimo.ini').replace(/\n/g, '\r\n');
      const file = tmp.write('cadencia.ini', '');
      writeFileSync(file, encode(text));
      const cfg = loadConfig(file, {});
      expect(cfg.company.name).toBe('Ferretería Los Andes SRL');
      expect(cfg.staff.collector.name).toBe('Laura Gómez');

      const broken = `${fixture('minimo.ini')}\n[historial]\ndias = 10\n`.replace(/\n/g, '\r\n');
      writeFileSync(file, encode(broken));
      let error: unknown;
      try {
        loadConfig(file, {});
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toBe(
        `${file}:${lineOf(broken.replace(/\r/g, ''), 'dias')}: [historial] dias: se esperaba un número entero entre 30 y 3650, se encontró «10»`,
      );
    });
  }

  it('reads the euro sign and curly quotes of Windows-1252 (bytes 0x80–0x9F)', () => {
    expect(decodeIniBytes(Buffer.from([0x80, 0x20, 0x93, 0x41, 0x94, 0x20, 0xf1])).text).toBe('€ “A” ñ');
    expect(decodeIniBytes(Buffer.from('€ ñ', 'utf8')).encoding).toBe('utf-8');
  });
});
