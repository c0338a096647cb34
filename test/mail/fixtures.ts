/** Known customers for the digest tests (independent of service/mail/sample.ts). */
import type { CompanyInfo, DigestInput, DigestItem } from '../../service/mail/types';

export const COMPANY: CompanyInfo = {
  name: 'ACME Insumos S.A.',
  phone: '011 5555-0000',
  email: 'cobranzas@acme.test',
  paymentInstructions: 'Transferencia al alias ACME.COBROS',
  paymentLink: 'https://pagar.acme.test/c',
};

export function item(over: Partial<DigestItem> & { code: string; name: string }): DigestItem {
  const { code, name, ...rest } = over;
  return {
    customer: { code, name, email: `${code.toLowerCase()}@cliente.test`, phone: '011 4444-0000', mobile: '011 15-4567-8901' },
    tier: 'B',
    daysOverdue: 10,
    overdueBalance: 1000,
    stepId: 'D+7',
    stage: 'administrativa',
    channels: ['email'],
    template: 'primer-aviso',
    sellerName: 'Marta',
    installments: [{ voucher: `FAC A 0001-${code}`, dueOn: '2026-03-01', pending: over.overdueBalance ?? 1000, daysLate: over.daysOverdue ?? 10 }],
    previousAttempts: [],
    brokenPromise: null,
    taskId: 7,
    ...rest,
  };
}

/** Four customers whose priority order is C, then B with more days, then B with more money, then A. */
export function digestInput(): DigestInput {
  return {
    date: '2026-03-16',
    company: COMPANY,
    assignee: { name: 'Ana Cobradora', email: 'ana@acme.test', role: 'cobrador' },
    items: [
      item({ code: 'A01', name: 'Alfa Servicios', tier: 'A', daysOverdue: 60, overdueBalance: 9_000_000 }),
      item({ code: 'B01', name: 'Beta Chica', tier: 'B', daysOverdue: 40, overdueBalance: 1_000 }),
      item({ code: 'B02', name: 'Beta Grande', tier: 'B', daysOverdue: 40, overdueBalance: 1_234_567.8 }),
      item({ code: 'B03', name: 'Beta Reciente', tier: 'B', daysOverdue: 45, overdueBalance: 500 }),
      item({ code: 'C01', name: 'Gamma Riesgosa', tier: 'C', daysOverdue: 8, overdueBalance: 2_500.5, channels: ['whatsapp', 'telefono'] }),
    ],
  };
}

export const EXPECTED_ORDER = ['Gamma Riesgosa', 'Beta Reciente', 'Beta Grande', 'Beta Chica', 'Alfa Servicios'];

export function positions(haystack: string, needles: string[]): number[] {
  return needles.map((n) => haystack.indexOf(n));
}
