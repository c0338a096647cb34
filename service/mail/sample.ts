/**
 * Sample data that exercises every branch of the templates (several
 * invoices, previous attempts, a broken promise, a customer without mobile).
 * loadTemplates renders each template with it; `preview` uses it too.
 */
import type { MessageTemplate } from '../../rules/types';
import type { CompanyInfo, DigestInput, DigestItem, EscalationInput, MessageVars, TestMailInput } from './types';

export const SAMPLE_COMPANY: CompanyInfo = {
  name: 'Distribuidora Ejemplo S.A.',
  phone: '(011) 4321-0000',
  email: 'cobranzas@ejemplo.com.ar',
  paymentInstructions: 'Transferencia a la cuenta del Banco Nación, CBU 0110000000000000000000, alias EJEMPLO.COBRANZAS. Enviar el comprobante a cobranzas@ejemplo.com.ar.',
  paymentLink: 'https://pagos.ejemplo.com.ar/cliente',
};

const SAMPLE_DATE = '2026-03-16';

export function sampleItems(): DigestItem[] {
  return [
    {
      customer: { code: '000142', name: 'Ferretería El Tornillo S.R.L.', email: 'pagos@eltornillo.com.ar', phone: '(0351) 422-1100', mobile: '0351 15-612-3456' },
      tier: 'B', daysOverdue: 34, overdueBalance: 184_350.5, stepId: 'D+30', stage: 'administrativa',
      channels: ['telefono', 'email'], template: 'seguimiento', sellerName: 'Marcela Gómez',
      installments: [
        { voucher: 'FAC A 0003-00012345', dueOn: '2026-02-10', pending: 120_000, daysLate: 34 },
        { voucher: 'FAC A 0003-00012402', dueOn: '2026-02-25', pending: 64_350.5, daysLate: 19 },
      ],
      previousAttempts: [{ on: '2026-02-17', outcome: 'promesa', promiseDate: '2026-02-27', promiseAmount: 120_000 }],
      brokenPromise: { date: '2026-02-27', amount: 120_000 },
      taskId: 5120,
      steps: [
        { stepId: 'D+30', dueOn: '2026-03-16', channels: ['telefono', 'email'] },
        { stepId: 'PROMESA-77', dueOn: '2026-03-02', channels: ['telefono'] },
      ],
    },
    {
      customer: { code: '000377', name: 'Almacén Don José', email: null, phone: '4555-1234', mobile: null },
      tier: 'C', daysOverdue: 93, overdueBalance: 1_254_000, stepId: 'D+90', stage: 'extrajudicial',
      channels: ['carta', 'email', 'whatsapp'], template: 'intimacion', sellerName: null,
      installments: [{ voucher: 'FAC B 0001-00004567', dueOn: '2025-12-13', pending: 1_254_000, daysLate: 93 }],
      previousAttempts: [
        { on: '2025-12-20', outcome: 'sin_respuesta' },
        { on: '2026-01-12', outcome: 'contactado' },
        { on: '2026-02-11', outcome: 'contacto_erroneo' },
      ],
      brokenPromise: null,
      taskId: 5121,
      moneySent: { onAccount: 50_000, cheques: 200_000 },
      steps: [{ stepId: 'D+90', dueOn: '2026-03-16', channels: ['carta', 'email', 'whatsapp'] }],
    },
  ];
}

export function sampleDigestInput(): DigestInput {
  return {
    date: SAMPLE_DATE,
    company: SAMPLE_COMPANY,
    assignee: { name: 'Lucía Fernández', email: 'lfernandez@ejemplo.com.ar', role: 'cobrador' },
    web: { url: 'https://cobranzas.ejemplo.com.ar', signIn: 'https://cobranzas.ejemplo.com.ar/e/enlace-de-ejemplo', linkHours: 24 },
    items: [...sampleItems(), {
      customer: { code: '000215', name: 'Librería Central', email: null, phone: null, mobile: null },
      tier: 'B', daysOverdue: 12, overdueBalance: 80_000, stepId: 'D+7', stage: 'administrativa',
      channels: ['email'], template: 'primer-aviso', sellerName: null,
      installments: [{ voucher: 'FAC B 0001-00004601', dueOn: '2026-03-04', pending: 80_000, daysLate: 12 }],
      previousAttempts: [{ on: '2026-03-13', outcome: 'promesa', promiseDate: '2026-03-18', promiseAmount: 80_000 }],
      brokenPromise: null,
      taskId: null,
      steps: [{ stepId: 'D+7', dueOn: '2026-03-11', channels: ['email'] }],
      pause: 'Promesa de pago de $ 80.000,00 para el 18/03/2026, vigente hasta el 20/03/2026.',
    }],
  };
}

export function sampleEscalationInput(): EscalationInput {
  return { date: SAMPLE_DATE, company: SAMPLE_COMPANY, supervisor: { name: 'Jorge Pérez', email: 'jperez@ejemplo.com.ar' }, items: sampleItems() };
}

export function sampleMessageVars(template: MessageTemplate): MessageVars {
  const item = sampleItems()[0]!;
  const preDue = template === 'recordatorio';
  return {
    date: SAMPLE_DATE,
    company: SAMPLE_COMPANY,
    customer: item.customer,
    installments: preDue
      ? [{ voucher: 'FAC A 0003-00012555', dueOn: '2026-03-19', pending: 98_700, daysLate: -3 }]
      : item.installments,
    overdueBalance: preDue ? 98_700 : item.overdueBalance,
    daysOverdue: preDue ? 0 : item.daysOverdue,
    stepId: item.stepId,
    sellerName: item.sellerName,
    senderName: 'Lucía Fernández',
    previousAttempts: item.previousAttempts,
    brokenPromise: item.brokenPromise,
    moneySent: { onAccount: 0, cheques: 40_000 },
    preDue,
  };
}

export function sampleTestMailInput(): TestMailInput {
  return {
    company: SAMPLE_COMPANY,
    to: { name: 'Lucía Fernández', email: 'lfernandez@ejemplo.com.ar' },
    sentAt: new Date('2026-03-16T12:00:00Z'),
    serverDescription: 'smtp.ejemplo.com.ar:587 (STARTTLS)',
  };
}
