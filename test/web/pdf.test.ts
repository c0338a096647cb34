import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterEach, describe, expect, it } from 'vitest';
import { bundleCli } from '../../installer/build/bundle';
import { letterPdf, printable, statementPdf, statementTotals, type StatementLine } from '../../service/web/pdf';
import { CUSTOMER, LETTER, STATEMENT } from './pdf-story';

const root = join(__dirname, '../..');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Read {
  pages: string[];
  /** Every text run with where it ends on the page, to catch overflow. */
  runs: { page: number; str: string; left: number; right: number; pageWidth: number }[];
  info: Record<string, unknown>;
}

/** The text people see, page by page (runs joined by spaces, spaces collapsed). */
async function readPdf(bytes: Buffer): Promise<Read> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages: string[] = [];
  const runs: Read['runs'] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const pageWidth = page.getViewport({ scale: 1 }).width;
    const content = await page.getTextContent();
    const strs: string[] = [];
    for (const item of content.items) {
      if (!('str' in item)) continue;
      strs.push(item.str);
      if (item.str.trim()) runs.push({ page: n, str: item.str, left: item.transform[4] as number, right: (item.transform[4] as number) + item.width, pageWidth });
    }
    pages.push(strs.join(' ').replace(/\s+/g, ' ').trim());
  }
  const { info } = await doc.getMetadata();
  await doc.destroy();
  return { pages, runs, info: info as Record<string, unknown> };
}

/** `count` overdue lines of $ 1.234,56 each. */
function manyLines(count: number): StatementLine[] {
  return Array.from({ length: count }, (_, i) => ({
    voucher: `FAC A 0001-${String(10_000 + i).padStart(8, '0')}`,
    issuedOn: '2026-08-01',
    dueOn: '2026-09-01',
    pending: 1234.56,
    daysLate: 62,
  }));
}

describe('estado de cuenta (PDF)', () => {
  it('shows the company, the customer with accents and ñ, each voucher, dates, amounts and the totals', async () => {
    const bytes = await statementPdf(STATEMENT);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { pages, info } = await readPdf(bytes);
    expect(pages).toHaveLength(1);
    const text = pages[0]!;
    expect(text).toContain('Distribuidora Ñandú S.A.');
    expect(text).toContain('Tel.: 011 4444-5555 · cobranzas@nandu.com.ar');
    expect(text).toContain('Estado de cuenta');
    expect(text).toContain('Estado al 02/11/2026');
    expect(text).toContain('José Peña e Hijos S.R.L.');
    expect(text).toContain('Cliente N.º C0042 · administracion@penaehijos.com.ar · Tel.: 0341 455-1200');
    expect(text).toContain('Comprobante Emisión Vencimiento Días de atraso Saldo');
    expect(text).toContain('FAC A 0001-00001234 01/09/2026 01/10/2026 32 $ 1.234,56');
    expect(text).toContain('FAC A 0001-00001301 20/09/2026 20/10/2026 13 $ 20.000,00');
    // No issue date; not due yet.
    expect(text).toContain('FAC B 0002-00000077 — 15/11/2026 a vencer $ 5.000,00');
    expect(text).toContain('Total vencido $ 21.234,56');
    expect(text).toContain('A vencer $ 5.000,00');
    expect(text).toContain('Total adeudado $ 26.234,56');
    expect(text).toContain('Menos pagos recibidos a cuenta $ 1.000,00');
    expect(text).toContain('Menos cheques en cartera $ 234,56');
    // 21.234,56 − 1.000,00 − 234,56
    expect(text).toContain('Saldo a reclamar $ 20.000,00');
    expect(text).toContain('Forma de pago Transferencia a la cuenta corriente del Banco Nación, CBU 0110000000000000000001, alias ÑANDU.COBROS.');
    expect(text).toContain('Pago en línea: https://pagos.nandu.com.ar/c/C0042');
    expect(text).toContain('Página 1 de 1');
    expect(info.Title).toBe('Estado de cuenta — José Peña e Hijos S.R.L.');
    expect(info.Author).toBe('Distribuidora Ñandú S.A.');
  });

  it('computes "Saldo a reclamar" like the digest: overdue less money sent, never below zero', () => {
    expect(statementTotals(STATEMENT)).toEqual({ overdue: 21234.56, notDue: 5000, total: 26234.56, onAccount: 1000, cheques: 234.56, claimed: 20000 });
    expect(statementTotals({ lines: STATEMENT.lines, onAccount: 30_000, cheques: 0 }).claimed).toBe(0);
    // Money sent does not reduce what is not due yet.
    expect(statementTotals({ lines: [STATEMENT.lines[2]!], onAccount: 100, cheques: 0 })).toMatchObject({ overdue: 0, notDue: 5000, claimed: 0 });
  });

  it('runs long tables over several pages, repeating the header and numbering every page', async () => {
    const two = await readPdf(await statementPdf({ ...STATEMENT, lines: manyLines(50) }));
    expect(two.pages).toHaveLength(2);
    expect(two.pages[0]).toContain('Página 1 de 2');
    expect(two.pages[1]).toContain('Página 2 de 2');
    expect(two.pages[1]).toContain('Estado de cuenta — José Peña e Hijos S.R.L. — al 02/11/2026 (continuación)');
    expect(two.pages[1]).toContain('Comprobante Emisión Vencimiento Días de atraso Saldo');

    const lines = manyLines(120);
    const long = await readPdf(await statementPdf({ ...STATEMENT, lines, onAccount: 0, cheques: 0 }));
    const n = long.pages.length;
    expect(n).toBeGreaterThan(2);
    long.pages.forEach((p, i) => {
      expect(p).toContain(`Página ${i + 1} de ${n}`);
      expect(p).toContain('Comprobante Emisión Vencimiento Días de atraso Saldo');
    });
    const all = long.pages.join(' ');
    for (const l of lines) expect(all).toContain(`${l.voucher} 01/08/2026 01/09/2026 62 $ 1.234,56`);
    // 120 × 1.234,56
    expect(long.pages[n - 1]).toContain('Total vencido $ 148.147,20');
    expect(long.pages[n - 1]).toContain('Saldo a reclamar $ 148.147,20');
  });

  it('wraps long voucher and customer names inside the page', async () => {
    const name = 'Compañía Rioplatense de Importación, Exportación y Distribución de Artículos Eléctricos del Noroeste Argentino S.A.C.I.F.I.A.';
    const voucher = 'FACTURA DE CRÉDITO ELECTRÓNICA MiPyME A 00012-00004567 (CONSIGNACIÓN)';
    const read = await readPdf(await statementPdf({
      ...STATEMENT,
      customer: { ...CUSTOMER, name },
      lines: [{ voucher, issuedOn: '2026-09-01', dueOn: '2026-10-01', pending: 123_456_789.01, daysLate: 32 }],
    }));
    const text = read.pages.join(' ');
    expect(text).toContain('$ 123.456.789,01');
    expect(text.replace(/ /g, '')).toContain(name.replace(/ /g, ''));
    expect(text.replace(/ /g, '')).toContain(voucher.replace(/ /g, ''));
    for (const r of read.runs) {
      expect(r.left, r.str).toBeGreaterThanOrEqual(49);
      expect(r.right, r.str).toBeLessThanOrEqual(r.pageWidth - 49);
    }
    // The voucher wraps within its own column: its pieces end before "Emisión" starts.
    const emision = read.runs.find((r) => r.str === 'Emisión')!;
    for (const r of read.runs.filter((x) => /CRÉDITO|MiPyME|CONSIGNACIÓN/.test(x.str))) expect(r.right).toBeLessThan(emision.left);
  });

  it('says so when the customer owes nothing', async () => {
    const { pages } = await readPdf(await statementPdf({ ...STATEMENT, lines: [], onAccount: 0, cheques: 0 }));
    expect(pages[0]).toContain('El cliente no tiene comprobantes pendientes.');
    expect(pages[0]).toContain('Saldo a reclamar $ 0,00');
  });

  it('is deterministic: the same data gives the same bytes (creation date from the statement date)', async () => {
    const a = await statementPdf(STATEMENT);
    await new Promise((r) => setTimeout(r, 20));
    const b = await statementPdf(STATEMENT);
    expect(a.equals(b)).toBe(true);
    const other = await statementPdf({ ...STATEMENT, asOf: '2026-11-03' });
    expect(other.equals(a)).toBe(false);
  });
});

describe('carta (PDF)', () => {
  it('prints the letterhead, place and date, and every paragraph of the letter', async () => {
    const bytes = await letterPdf(LETTER);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { pages, info } = await readPdf(bytes);
    expect(pages).toHaveLength(1);
    const text = pages[0]!;
    expect(text).toMatch(/^Distribuidora Ñandú S\.A\. Tel\.: 011 4444-5555 · cobranzas@nandu\.com\.ar Rosario, 02\/11\/2026 Señores/);
    expect(text).toContain('Señores José Peña e Hijos S.R.L. Cliente N.º C0042 Presente');
    expect(text).toContain('Ref.: Intimación de pago');
    expect(text).toContain('- FAC A 0001-00001234, vencimiento 01/10/2026, 32 días de atraso, saldo $ 1.234,56');
    expect(text).toContain('cancelar la suma de $ 20.000,00 dentro de los cinco (5) días hábiles');
    expect(text).toContain('Página 1 de 1');
    expect(info.Title).toBe('Carta — José Peña e Hijos S.R.L.');
    expect(info.Author).toBe('Distribuidora Ñandú S.A.');
    expect((await letterPdf(LETTER)).equals(bytes)).toBe(true);
  });

  it('does not repeat the date when the rendered letter already has it, and numbers long letters', async () => {
    const body = `Rosario, 02/11/2026\n\n${Array.from({ length: 40 }, (_, i) => `Párrafo ${i + 1}: ${'La cuenta registra saldos vencidos e impagos. '.repeat(4)}`).join('\n\n')}`;
    const { pages } = await readPdf(await letterPdf({ ...LETTER, place: 'Córdoba', text: body }));
    const all = pages.join(' ');
    expect(all).not.toContain('Córdoba');
    expect(all.match(/02\/11\/2026/g)!.length).toBe(1 + pages.length); // body once, plus each footer
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((p, i) => expect(p).toContain(`Página ${i + 1} de ${pages.length}`));
    expect(all).toContain('Párrafo 40:');
  });
});

describe('printable text', () => {
  it('keeps Spanish and WinAnsi punctuation, flattens what the standard fonts cannot print', () => {
    expect(printable('Ñandú — “Peña” 1.234,56 €')).toBe('Ñandú — “Peña” 1.234,56 €');
    expect(printable('$\u00a01.234,56')).toBe('$ 1.234,56');
    expect(printable('Čačak, Łódź ✓')).toBe('Cacak, ?ódz ?');
  });
});

describe('PDF from the single-executable bundle', () => {
  it('bundles with the executable settings and writes both PDFs with the standard fonts embedded in the bundle', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cadencia-pdf-bundle-'));
    dirs.push(dir);
    const out = join(dir, 'dist', 'build', 'pdf.cjs');
    const result = await bundleCli(root, out, 'test/web/pdf-bundle-entry.ts');
    expect(result.externals).toEqual([]);
    // No pdfkit (or font metrics) on disk next to the bundle: run it from an empty folder.
    execFileSync(process.execPath, [out, dir], { cwd: dir, encoding: 'utf8' });
    const statement = readFileSync(join(dir, 'estado.pdf'));
    expect(statement.equals(await statementPdf(STATEMENT))).toBe(true);
    const { pages } = await readPdf(statement);
    expect(pages[0]).toContain('José Peña e Hijos S.R.L.');
    expect(pages[0]).toContain('Saldo a reclamar $ 20.000,00');
    const letter = await readPdf(readFileSync(join(dir, 'carta.pdf')));
    expect(letter.pages[0]).toContain('Ref.: Intimación de pago');
  }, 30_000);
});
