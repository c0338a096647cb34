/**
 * Printable PDFs for the web worklist: the customer's account statement
 * (estado de cuenta) and a formal letter (carta). Made with pdfkit and its
 * standard Helvetica (WinAnsi covers Spanish accents and ñ), so nothing is
 * read from disk at runtime once bundled (see installer/build/bundle.ts).
 *
 * Output is deterministic: the creation date comes from `asOf`, so the same
 * data gives the same bytes.
 */
import { claimBreakdown } from '../../rules/claim';
import { formatDate, formatMoney, roundCents } from '../../rules/format';
import type { IsoDate } from '../../rules/types';
import type { CompanyInfo } from '../mail/types';

export interface StatementLine {
  voucher: string;
  issuedOn: IsoDate | null;
  dueOn: IsoDate;
  /** What the installment still owes. */
  pending: number;
  /** Days past the due date; zero or negative while not due. */
  daysLate: number;
}

export interface StatementData {
  company: CompanyInfo;
  customer: { code: string; name: string; email: string | null; phone: string | null };
  asOf: IsoDate;
  /** Open installments, what each still owes. */
  lines: StatementLine[];
  /** Receipts on account not applied yet. */
  onAccount: number;
  /** Cheques in portfolio. */
  cheques: number;
}

export interface LetterData {
  company: CompanyInfo;
  customer: StatementData['customer'];
  asOf: IsoDate;
  place?: string | null;
  /** The letter body already rendered: plain text, paragraphs separated by blank lines. */
  text: string;
}

/** The figures at the foot of a statement; "a reclamar" follows the digest (rules/claim). */
export interface StatementTotals {
  overdue: number;
  notDue: number;
  total: number;
  onAccount: number;
  cheques: number;
  /** Overdue − on account − cheques, at least 0. */
  claimed: number;
}

export function statementTotals(data: Pick<StatementData, 'lines' | 'onAccount' | 'cheques'>): StatementTotals {
  let overdue = 0;
  let notDue = 0;
  for (const l of data.lines) {
    const cents = Math.round(l.pending * 100);
    if (l.daysLate > 0) overdue += cents;
    else notDue += cents;
  }
  const claim = claimBreakdown(overdue / 100, { onAccount: data.onAccount, cheques: data.cheques });
  return {
    overdue: roundCents(overdue / 100),
    notDue: roundCents(notDue / 100),
    total: roundCents((overdue + notDue) / 100),
    onAccount: claim.onAccount,
    cheques: claim.cheques,
    claimed: claim.claimed,
  };
}

// Characters the standard fonts can print (Windows-1252 beyond ASCII).
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Text as the standard fonts can print it: odd spaces become spaces, unknown characters lose their marks or become '?'. */
export function printable(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC').replace(/[\u00a0\u202f\u2007\u2009\t]/g, ' ')) {
    const code = ch.codePointAt(0)!;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || ch === '\n' || WIN_ANSI_EXTRA.has(ch)) {
      out += ch;
      continue;
    }
    if (code < 0x20) continue;
    const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    out += base && [...base].every((c) => c.codePointAt(0)! <= 0x7e) ? base : '?';
  }
  return out;
}

const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const MARGIN = 50;
/** Room kept at the bottom of each page for "Página i de N". */
const FOOTER = 28;
const GREY = '#555555';
const RULE = '#999999';

type Doc = PDFKit.PDFDocument;

async function newDoc(title: string, company: CompanyInfo, asOf: IsoDate, subject: string): Promise<Doc> {
  const [y, m, d] = asOf.split('-').map(Number);
  // PDFKit (with its font and image libraries) is loaded on the first PDF, not when the worklist starts.
  const { default: PDFKitDocument } = await import('pdfkit');
  return new PDFKitDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + FOOTER, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: 'es-AR',
    displayTitle: true,
    font: FONT,
    info: {
      Title: printable(title),
      Author: printable(company.name),
      Subject: printable(subject),
      Creator: 'cadencia',
      Producer: 'cadencia (PDFKit)',
      CreationDate: new Date(Date.UTC(y!, m! - 1, d!, 12)),
    },
  });
}

function finish(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

const contentWidth = (doc: Doc): number => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const pageBottom = (doc: Doc): number => doc.page.height - doc.page.margins.bottom;

/** "Página i de N" at the foot of every page (pages are buffered). */
function numberPages(doc: Doc, left: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Writing inside the bottom margin would start a new page: lift it meanwhile.
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN - 10;
    const width = contentWidth(doc);
    doc.moveTo(MARGIN, y - 6).lineTo(MARGIN + width, y - 6).lineWidth(0.5).strokeColor(RULE).stroke();
    doc.font(FONT).fontSize(8).fillColor(GREY);
    doc.text(printable(left), MARGIN, y, { width: width - 90, lineBreak: false, ellipsis: true });
    doc.text(`Página ${i - range.start + 1} de ${range.count}`, MARGIN, y, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('black');
}

/** Company letterhead: name, then phone and email. */
function letterhead(doc: Doc, company: CompanyInfo): void {
  const width = contentWidth(doc);
  doc.font(BOLD).fontSize(14).fillColor('black').text(printable(company.name), MARGIN, MARGIN, { width });
  const contact = [company.phone && `Tel.: ${company.phone}`, company.email].filter(Boolean).join(' · ');
  if (contact) doc.font(FONT).fontSize(9).fillColor(GREY).text(printable(contact), { width });
  doc.moveDown(0.4);
  doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + width, doc.y).lineWidth(1).strokeColor('black').stroke();
  doc.moveDown(0.8);
  doc.fillColor('black');
}

function paymentFoot(doc: Doc, company: CompanyInfo): void {
  const width = contentWidth(doc);
  if (!company.paymentInstructions && !company.paymentLink) return;
  doc.moveDown(1.2);
  doc.x = MARGIN;
  doc.font(BOLD).fontSize(10).text('Forma de pago', { width });
  doc.font(FONT).fontSize(9.5);
  if (company.paymentInstructions) doc.text(printable(company.paymentInstructions), { width });
  if (company.paymentLink) {
    doc.text('Pago en línea: ', { width, continued: true });
    doc.fillColor('#1a4f9c').text(printable(company.paymentLink), { link: company.paymentLink, underline: true });
    doc.fillColor('black');
  }
}

interface Column { title: string; width: number; align: 'left' | 'right' }

const COLUMNS: Column[] = [
  { title: 'Comprobante', width: 0, align: 'left' },
  { title: 'Emisión', width: 66, align: 'left' },
  { title: 'Vencimiento', width: 72, align: 'left' },
  { title: 'Días de atraso', width: 72, align: 'right' },
  { title: 'Saldo', width: 100, align: 'right' },
];
const CELL_GAP = 6;
const ROW_PAD = 3;

function columnsFor(doc: Doc): { x: number; width: number; align: 'left' | 'right'; title: string }[] {
  const fixed = COLUMNS.reduce((s, c) => s + c.width, 0);
  let x = MARGIN;
  return COLUMNS.map((c) => {
    const width = c.width || contentWidth(doc) - fixed;
    const col = { x, width, align: c.align, title: c.title };
    x += width;
    return col;
  });
}

function drawRow(doc: Doc, cells: string[], font: string, y: number): void {
  const cols = columnsFor(doc);
  doc.font(font).fontSize(9);
  cells.forEach((t, i) => {
    const c = cols[i]!;
    doc.text(t, c.x, y + ROW_PAD, { width: c.width - CELL_GAP, align: c.align });
  });
}

function rowHeight(doc: Doc, cells: string[], font: string): number {
  const cols = columnsFor(doc);
  doc.font(font).fontSize(9);
  return Math.max(...cells.map((t, i) => doc.heightOfString(t, { width: cols[i]!.width - CELL_GAP }))) + 2 * ROW_PAD;
}

function tableHeader(doc: Doc): void {
  const width = contentWidth(doc);
  const cells = COLUMNS.map((c) => c.title);
  const h = rowHeight(doc, cells, BOLD);
  const y = doc.y;
  doc.rect(MARGIN, y, width, h).fillColor('#e8e8e8').fill();
  doc.fillColor('black');
  drawRow(doc, cells, BOLD, y);
  doc.y = y + h;
}

export async function statementPdf(data: StatementData): Promise<Buffer> {
  const name = printable(data.customer.name);
  const date = formatDate(data.asOf);
  const doc = await newDoc(`Estado de cuenta — ${data.customer.name}`, data.company, data.asOf, `Estado de cuenta al ${date}`);
  const width = contentWidth(doc);

  letterhead(doc, data.company);
  doc.font(BOLD).fontSize(16).text('Estado de cuenta', MARGIN, doc.y, { width });
  doc.font(FONT).fontSize(10).fillColor(GREY).text(`Estado al ${date}`, { width });
  doc.fillColor('black').moveDown(0.6);
  doc.font(BOLD).fontSize(11).text(name, { width });
  const contact = [
    `Cliente N.º ${data.customer.code}`,
    data.customer.email,
    data.customer.phone && `Tel.: ${data.customer.phone}`,
  ].filter(Boolean).join(' · ');
  doc.font(FONT).fontSize(9.5).text(printable(contact), { width });
  doc.moveDown(0.8);

  const lines = [...data.lines].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.voucher.localeCompare(b.voucher));
  if (lines.length === 0) {
    doc.font(FONT).fontSize(10).text('El cliente no tiene comprobantes pendientes.', { width });
  } else {
    tableHeader(doc);
    lines.forEach((l, index) => {
      const cells = [
        printable(l.voucher),
        l.issuedOn ? formatDate(l.issuedOn) : '—',
        formatDate(l.dueOn),
        l.daysLate > 0 ? String(l.daysLate) : 'a vencer',
        formatMoney(l.pending),
      ];
      const h = rowHeight(doc, cells, FONT);
      if (doc.y + h > pageBottom(doc)) {
        doc.addPage();
        doc.font(FONT).fontSize(8).fillColor(GREY)
          .text(`Estado de cuenta — ${name} — al ${date} (continuación)`, MARGIN, MARGIN, { width, lineBreak: false, ellipsis: true });
        doc.fillColor('black').moveDown(0.8);
        tableHeader(doc);
      }
      const y = doc.y;
      if (index % 2 === 1) {
        doc.rect(MARGIN, y, width, h).fillColor('#f5f5f5').fill();
        doc.fillColor('black');
      }
      drawRow(doc, cells, FONT, y);
      doc.y = y + h;
    });
    doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + width, doc.y).lineWidth(0.5).strokeColor(RULE).stroke();
  }

  const t = statementTotals(data);
  const rows: [string, string, boolean][] = [
    ['Total vencido', formatMoney(t.overdue), false],
    ['A vencer', formatMoney(t.notDue), false],
    ['Total adeudado', formatMoney(t.total), true],
    ['Menos pagos recibidos a cuenta', formatMoney(t.onAccount), false],
    ['Menos cheques en cartera', formatMoney(t.cheques), false],
    ['Saldo a reclamar', formatMoney(t.claimed), true],
  ];
  const labelWidth = 200;
  const amountWidth = 100;
  const blockHeight = rows.length * 15 + 40;
  if (doc.y + blockHeight > pageBottom(doc)) doc.addPage();
  else doc.moveDown(0.8);
  const labelX = MARGIN + width - labelWidth - amountWidth;
  for (const [label, amount, strong] of rows) {
    const y = doc.y;
    doc.font(strong ? BOLD : FONT).fontSize(strong ? 10.5 : 10);
    doc.text(label, labelX, y, { width: labelWidth });
    doc.text(amount, labelX + labelWidth, y, { width: amountWidth - CELL_GAP, align: 'right' });
    doc.y = y + 15;
  }
  doc.font(FONT).fontSize(8).fillColor(GREY)
    .text('Saldo a reclamar: total vencido menos los pagos recibidos a cuenta y los cheques en cartera, aún no imputados.', MARGIN, doc.y + 4, { width });
  doc.fillColor('black');

  paymentFoot(doc, data.company);
  numberPages(doc, `${data.company.name} · Estado de cuenta de ${data.customer.name} al ${date}`);
  return finish(doc);
}

export async function letterPdf(data: LetterData): Promise<Buffer> {
  const date = formatDate(data.asOf);
  const doc = await newDoc(`Carta — ${data.customer.name}`, data.company, data.asOf, `Carta al cliente N.º ${data.customer.code}`);
  const width = contentWidth(doc);

  letterhead(doc, data.company);
  const text = printable(data.text.replace(/\r\n?/g, '\n')).trim();
  // The rendered letter usually carries its own date: only add place and date when it does not.
  if (!text.includes(date)) {
    const place = data.place?.trim();
    doc.font(FONT).fontSize(10.5).text(printable(place ? `${place}, ${date}` : date), MARGIN, doc.y, { width, align: 'right' });
    doc.moveDown(1);
  }
  doc.font(FONT).fontSize(10.5);
  for (const paragraph of text.split(/\n[ \t]*\n+/)) {
    doc.x = MARGIN;
    doc.text(paragraph, { width, lineGap: 1.5 });
    doc.moveDown(0.7);
  }
  numberPages(doc, `${data.company.name} · Cliente N.º ${data.customer.code} · ${date}`);
  return finish(doc);
}
