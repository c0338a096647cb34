/**
 * Rows real databases sometimes hold and the Bejerman profile must skip and
 * report: installments without due date or with absurd or negative amounts,
 * vouchers without customer, customers without code or with an unknown
 * seller. Recorded in DEMO_FILA_MALA (TABLA, CLAVE, PROBLEMA) for tests.
 */
import { bejermanDay, bejermanStamp, shownNumber, voucherId } from './bejerman-format';
import type { Counters } from './customer-history';
import type { Sinks } from './sinks';

export function writeBadRows(sinks: Sinks, counters: Counters, customerCode: string, asOf: number): number {
  const issued = bejermanDay(asOf - 40);
  const invoice = (code: string, due: string | null, amount: number, problem: string): void => {
    const id = voucherId('A', 1, ++counters.invoice);
    sinks.cabventa.add([
      'V', 'FC', id.letter, id.pointOfSale, id.number, 1, code, issued, due, amount, amount, '01', 0,
      bejermanStamp(asOf - 40, 600), 0,
    ]);
    sinks.filaMala.add(['CabVenta', `FC ${shownNumber(id)}`, problem]);
  };
  invoice(customerCode, null, 12_345.67, 'sin_vencimiento');
  invoice(customerCode, bejermanDay(asOf - 10), -5_000, 'importe_negativo');
  invoice(customerCode, bejermanDay(asOf - 10), 5e12, 'importe_absurdo');
  invoice('', bejermanDay(asOf - 10), 20_000, 'sin_cliente');

  const customer = (code: string, seller: string, name: string, problem: string): void => {
    sinks.clientes.add([code, name, '30000000000', '', '', '', seller, bejermanDay(asOf - 400), bejermanStamp(asOf - 400, 540), 1, 0]);
    sinks.filaMala.add(['Clientes', code === '' ? name : code, problem]);
  };
  customer('', '01', 'Cliente Sin Código S.A.', 'sin_codigo');
  customer('ZZ0001', 'ZZ', 'Vendedor Inexistente S.R.L.', 'vendedor_inexistente');
  return 6;
}
