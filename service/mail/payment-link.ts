/**
 * The payment link of [empresa] enlace_pago, a URL template filled per
 * customer message: {cliente} (customer code), {importe} (amount claimed,
 * digits with a decimal point: 757618.29) and {comprobantes} (vouchers,
 * comma-separated), each URL-encoded. A link without variables stays fixed.
 */

/** The variables a payment link may use, in the order they are documented. */
export const PAYMENT_LINK_VARS = ['cliente', 'importe', 'comprobantes'] as const;
export type PaymentLinkVar = (typeof PAYMENT_LINK_VARS)[number];

export interface PaymentLinkValues {
  customerCode: string;
  amount: number;
  vouchers: readonly string[];
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Why the template is not valid (Spanish, without the key), or null. */
export function paymentLinkProblem(template: string): string | null {
  for (const m of template.matchAll(PLACEHOLDER)) {
    const name = m[1] ?? '';
    if (!(PAYMENT_LINK_VARS as readonly string[]).includes(name)) {
      return `variable desconocida «{${name}}» en el enlace; se pueden usar ${PAYMENT_LINK_VARS.map((v) => `{${v}}`).join(', ')}`;
    }
  }
  const rest = template.replace(PLACEHOLDER, '');
  if (/[{}]/.test(rest)) return 'llave sin cerrar en el enlace: las variables se escriben {cliente}, {importe} o {comprobantes}';
  const sample = fillPaymentLink(template, { customerCode: '000001', amount: 1234.5, vouchers: ['FAC A 0001-00000001'] });
  if (!/^https?:\/\/[^\s]+$/.test(sample) || !URL.canParse(sample)) {
    return 'se esperaba una dirección web que empiece con https:// (p. ej. https://pagos.empresa.com.ar/?cliente={cliente}&importe={importe})';
  }
  return null;
}

export function fillPaymentLink(template: string, v: PaymentLinkValues): string {
  const values: Record<PaymentLinkVar, string> = {
    cliente: v.customerCode,
    importe: v.amount.toFixed(2),
    comprobantes: v.vouchers.join(','),
  };
  return template.replace(PLACEHOLDER, (_all, name: string) => encodeURIComponent(values[name as PaymentLinkVar] ?? ''));
}
