/** A known customer story for the PDF tests (and the bundled check). */
import type { LetterData, StatementData, StatementLine } from '../../service/web/pdf';

export const COMPANY: StatementData['company'] = {
  name: 'Distribuidora Ñandú S.A.',
  phone: '011 4444-5555',
  email: 'cobranzas@nandu.com.ar',
  paymentInstructions: 'Transferencia a la cuenta corriente del Banco Nación, CBU 0110000000000000000001, alias ÑANDU.COBROS. Enviá el comprobante a cobranzas@nandu.com.ar.',
  paymentLink: 'https://pagos.nandu.com.ar/c/C0042',
};

export const CUSTOMER: StatementData['customer'] = {
  code: 'C0042',
  name: 'José Peña e Hijos S.R.L.',
  email: 'administracion@penaehijos.com.ar',
  phone: '0341 455-1200',
};

/** Two overdue, one due later; $ 1.234,56 + $ 20.000,00 overdue, $ 5.000,00 not due. */
export const LINES: StatementLine[] = [
  { voucher: 'FAC A 0001-00001234', issuedOn: '2026-09-01', dueOn: '2026-10-01', pending: 1234.56, daysLate: 32 },
  { voucher: 'FAC A 0001-00001301', issuedOn: '2026-09-20', dueOn: '2026-10-20', pending: 20000, daysLate: 13 },
  { voucher: 'FAC B 0002-00000077', issuedOn: null, dueOn: '2026-11-15', pending: 5000, daysLate: -13 },
];

export const STATEMENT: StatementData = {
  company: COMPANY,
  customer: CUSTOMER,
  asOf: '2026-11-02',
  lines: LINES,
  onAccount: 1000,
  cheques: 234.56,
};

export const LETTER: LetterData = {
  company: COMPANY,
  customer: CUSTOMER,
  asOf: '2026-11-02',
  place: 'Rosario',
  text: [
    'Señores',
    'José Peña e Hijos S.R.L.',
    'Cliente N.º C0042',
    'Presente',
    '',
    'Ref.: Intimación de pago',
    '',
    'De nuestra consideración:',
    '',
    'Pese a las gestiones realizadas, su cuenta registra un saldo vencido e impago de $ 21.234,56, conforme al siguiente detalle:',
    '',
    '- FAC A 0001-00001234, vencimiento 01/10/2026, 32 días de atraso, saldo $ 1.234,56',
    '- FAC A 0001-00001301, vencimiento 20/10/2026, 13 días de atraso, saldo $ 20.000,00',
    '',
    'Por medio de la presente los intimamos a cancelar la suma de $ 20.000,00 dentro de los cinco (5) días hábiles de recibida esta nota.',
    '',
    'Sin otro particular, saludamos a ustedes atentamente.',
  ].join('\n'),
};
