/**
 * Rows real Tango databases sometimes hold and the profile must skip and
 * report: installments without due date or with absurd amounts, vouchers
 * without customer, customers without code or with an unknown seller.
 * Recorded in DEMO_FILA_MALA (TABLA, CLAVE, PROBLEMA) for tests.
 */
import type { Sinks } from './sinks';
import type { Counters } from './customer-history';
import { NO_DATE, tangoDay, voucherNumber } from './tango-format';

export function writeBadRows(sinks: Sinks, counters: Counters, customerCode: string, asOf: number): number {
  const issued = tangoDay(asOf - 40);
  const due = tangoDay(asOf - 10);
  const invoice = (code: string, dueOn: string, amount: number, problem: string): void => {
    const number = voucherNumber('A', 1, ++counters.invoice);
    sinks.gva12.add(['FAC', number, code, issued, amount, 'PEN', '01', 1, 1, 1]);
    sinks.gva46.add(['FAC', number, dueOn, amount, 'PEN']);
    sinks.filaMala.add([code === '' ? 'GVA12' : 'GVA46', `FAC ${number}`, problem]);
  };
  invoice(customerCode, NO_DATE, 12_345.67, 'sin_vencimiento');
  invoice(customerCode, due, -5_000, 'importe_negativo');
  invoice(customerCode, due, 5e12, 'importe_absurdo');
  invoice('', due, 20_000, 'sin_cliente');

  const customer = (code: string, seller: string, name: string, problem: string): void => {
    sinks.gva14.add([code, name, '30-00000000-0', 'S/D', 'CABA', '', '', '', seller, tangoDay(asOf - 400), NO_DATE, 0, 0, 0]);
    sinks.filaMala.add(['GVA14', code === '' ? name : code, problem]);
  };
  customer('', '01', 'Cliente Sin Código S.A.', 'sin_codigo');
  customer('ZZ0001', 'ZZ', 'Vendedor Inexistente S.R.L.', 'vendedor_inexistente');
  return 6;
}
