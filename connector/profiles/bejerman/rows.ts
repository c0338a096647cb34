/**
 * Row mapping for the Bejerman reads: driver values become domain data, and a
 * bad row becomes a RowIssue instead of an exception.
 */
import type { Customer, OpenInstallment, PaymentBehaviour, Seller, UnappliedMoney } from '../../../rules/types';
import { invalidDate, invalidDateProblem, toIsoDate } from '../../dialect/dates';
import type { IssueSink } from '../profile';
import { cents, NO_CUSTOMER_PROBLEM, num, paymentBehaviourRow, text, truthy, unappliedMoneyRow } from '../row-values';
import { ABSURD_AMOUNT, CABVENTA, CLIENTES } from './schema';

type Row = Record<string, unknown>;

/** 'A' + '0001' + '00001234' → 'A000100001234' (Tango-like, so staff read numbers the same way). */
export function bejermanVoucherNumber(letter: string | null, pointOfSale: string | null, number: string | null): string {
  return `${letter ?? ''}${pointOfSale ?? ''}${number ?? ''}`;
}

export function toSeller(row: Row): Seller {
  return { code: text(row.CODIGO) ?? '', name: text(row.NOMBRE) ?? '', email: text(row.EMAIL) };
}

export function toCustomer(row: Row, onIssue: IssueSink): Customer | null {
  const code = text(row.CODIGO);
  const name = text(row.NOMBRE) ?? '';
  if (code === null) {
    onIssue({ table: CLIENTES.table, key: name || '(sin razón social)', problem: 'Cliente sin código: se omite.' });
    return null;
  }
  let sellerCode = text(row.VENDEDOR);
  const badCreated = invalidDate(row.FECHA_ALTA);
  if (badCreated !== null) {
    onIssue({ table: CLIENTES.table, key: `cliente ${code}`, problem: invalidDateProblem('Fecha de alta', badCreated, 'se omite el cliente.') });
    return null;
  }
  if (sellerCode !== null && row.SELLER_FOUND == null) {
    onIssue({
      table: CLIENTES.table,
      key: `cliente ${code}`,
      problem: `El vendedor «${sellerCode}» no existe en la tabla de vendedores: el cliente queda sin vendedor asignado.`,
    });
    sellerCode = null;
  }
  const enabled = row.HABILITADO === null || row.HABILITADO === undefined ? true : truthy(row.HABILITADO);
  const createdOn = toIsoDate(row.FECHA_ALTA);
  const creditLimit = num(row.LIMITE_CREDITO);
  return {
    code,
    name,
    email: text(row.EMAIL),
    phone: text(row.TELEFONO),
    mobile: text(row.CELULAR),
    sellerCode,
    createdOn,
    // Bejerman keeps no disabling date: the last change of a disabled customer stands in for it.
    inactiveSince: enabled ? null : (toIsoDate(row.FECHA_MOD) ?? createdOn ?? '1900-01-01'),
    creditLimit: creditLimit !== null && creditLimit > 0 ? creditLimit : null,
    foreignCurrencyClause: truthy(row.CLAUSULA),
    erpBalance: null,
  };
}

/** The installment, or null (reported) when the row cannot be trusted; null silently when paid. */
export function toOpenInstallment(row: Row, tolerance: number, onIssue: IssueSink): OpenInstallment | null {
  const voucherType = text(row.TIPO) ?? '';
  const voucherNumber = bejermanVoucherNumber(text(row.LETRA), text(row.PUNTO_VENTA), text(row.NUMERO));
  const badDue = invalidDate(row.FECHA_VTO);
  const dueOn = toIsoDate(row.FECHA_VTO);
  const installment = num(row.CUOTA);
  const key = `${voucherType} ${voucherNumber}${installment === null ? '' : ` cuota ${installment}`} vto ${dueOn ?? badDue ?? 'sin fecha'}`;
  const report = (problem: string): null => {
    onIssue({ table: CABVENTA.table, key, problem });
    return null;
  };
  const customerCode = text(row.CLIENTE);
  if (customerCode === null) return report('Comprobante sin código de cliente: se omite la cuota.');
  if (badDue !== null) return report(invalidDateProblem('Fecha de vencimiento', badDue, 'se omite la cuota.'));
  if (dueOn === null) return report('Cuota sin fecha de vencimiento: se omite.');
  const amount = num(row.IMPORTE);
  if (amount === null) return report('Cuota sin importe: se omite.');
  if (amount < 0) return report(`Importe de cuota negativo (${amount}): se omite.`);
  if (amount > ABSURD_AMOUNT) return report(`Importe de cuota fuera de rango (${amount}): se omite.`);
  const pending = cents(num(row.SALDO) ?? amount);
  if (pending <= tolerance) return null;
  const issuedOn = toIsoDate(row.FECHA_EMISION) ?? dueOn;
  return { customerCode, voucherType, voucherNumber, issuedOn, dueOn, amount: cents(amount), pending };
}

export function toPaymentBehaviour(row: Row, onIssue: IssueSink): PaymentBehaviour | null {
  const missing = { table: CABVENTA.table, key: 'comprobantes sin cliente', problem: NO_CUSTOMER_PROBLEM.payments };
  return paymentBehaviourRow(row, 'CLIENTE', missing, onIssue);
}

export function toUnappliedMoney(row: Row, tolerance: number, onIssue: IssueSink): UnappliedMoney | null {
  const missing = { table: CABVENTA.table, key: 'recibos sin cliente', problem: NO_CUSTOMER_PROBLEM.unapplied };
  return unappliedMoneyRow(row, 'CLIENTE', missing, tolerance, onIssue);
}
