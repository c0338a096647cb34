/**
 * Row mapping for the Tango reads: the one place where driver values (text
 * or Date, numbers or strings, padded codes) become domain data, and where a
 * bad row is turned into a RowIssue instead of an exception.
 */
import type { Customer, OpenInstallment, PaymentBehaviour, Seller, UnappliedMoney } from '../../../rules/types';
import { invalidDate, invalidDateProblem, toIsoDate } from '../../dialect/dates';
import type { IssueSink } from '../profile';
import { cents, NO_CUSTOMER_PROBLEM, num, paymentBehaviourRow, text, truthy, unappliedMoneyRow } from '../row-values';
import { ABSURD_AMOUNT, GVA12, GVA14, GVA46 } from './schema';

type Row = Record<string, unknown>;

export function toSeller(row: Row): Seller {
  return { code: text(row.COD_VENDED) ?? '', name: text(row.NOMBRE_VEN) ?? '', email: text(row.E_MAIL) };
}

export function toCustomer(row: Row, onIssue: IssueSink): Customer | null {
  const code = text(row.COD_CLIENT);
  const name = text(row.RAZON_SOCI) ?? '';
  if (code === null) {
    onIssue({ table: GVA14.table, key: name || '(sin razón social)', problem: 'Cliente sin código: se omite.' });
    return null;
  }
  const badCreated = invalidDate(row.FECHA_ALTA);
  if (badCreated !== null) {
    onIssue({ table: GVA14.table, key: `cliente ${code}`, problem: invalidDateProblem('Fecha de alta', badCreated, 'se omite el cliente.') });
    return null;
  }
  let sellerCode = text(row.COD_VENDED);
  if (sellerCode !== null && row.SELLER_FOUND == null) {
    onIssue({
      table: GVA14.table,
      key: `cliente ${code}`,
      problem: `El vendedor «${sellerCode}» no existe en la tabla de vendedores: el cliente queda sin vendedor asignado.`,
    });
    sellerCode = null;
  }
  const creditLimit = num(row.CUPO_CREDI);
  return {
    code,
    name,
    email: text(row.E_MAIL),
    phone: text(row.TELEFONO_1),
    mobile: text(row.TELEFONO_MOVIL),
    sellerCode,
    createdOn: toIsoDate(row.FECHA_ALTA),
    inactiveSince: toIsoDate(row.FECHA_INHA),
    creditLimit: creditLimit !== null && creditLimit > 0 ? creditLimit : null,
    foreignCurrencyClause: truthy(row.CLAUSULA),
    erpBalance: num(row.SALDO_CC),
  };
}

/** The installment, or null (reported) when the row cannot be trusted; null silently when paid. */
export function toOpenInstallment(row: Row, tolerance: number, onIssue: IssueSink): OpenInstallment | null {
  const voucherType = text(row.T_COMP) ?? '';
  const voucherNumber = text(row.N_COMP) ?? '';
  const badDue = invalidDate(row.FECHA_VTO);
  const dueOn = toIsoDate(row.FECHA_VTO);
  const key = `${voucherType} ${voucherNumber} vto ${dueOn ?? badDue ?? 'sin fecha'}`;
  const report = (table: string, problem: string): null => {
    onIssue({ table, key, problem });
    return null;
  };
  const customerCode = text(row.COD_CLIENT);
  if (customerCode === null) return report(GVA12.table, 'Comprobante sin código de cliente: se omite la cuota.');
  if (badDue !== null) return report(GVA46.table, invalidDateProblem('Fecha de vencimiento', badDue, 'se omite la cuota.'));
  if (dueOn === null) return report(GVA46.table, 'Cuota sin fecha de vencimiento (vacía o 1800-01-01): se omite.');
  const amount = num(row.IMPORTE_VT);
  if (amount === null) return report(GVA46.table, 'Cuota sin importe: se omite.');
  if (amount < 0) return report(GVA46.table, `Importe de cuota negativo (${amount}): se omite.`);
  if (amount > ABSURD_AMOUNT) return report(GVA46.table, `Importe de cuota fuera de rango (${amount}): se omite.`);
  const pending = cents(num(row.PENDIENTE) ?? amount);
  if (pending <= tolerance) return null;
  const issuedOn = toIsoDate(row.FECHA_EMIS) ?? dueOn;
  return { customerCode, voucherType, voucherNumber, issuedOn, dueOn, amount: cents(amount), pending };
}

export function toPaymentBehaviour(row: Row, onIssue: IssueSink): PaymentBehaviour | null {
  const missing = { table: GVA12.table, key: 'comprobantes sin cliente', problem: NO_CUSTOMER_PROBLEM.payments };
  return paymentBehaviourRow(row, 'COD_CLIENT', missing, onIssue);
}

export function toUnappliedMoney(row: Row, tolerance: number, onIssue: IssueSink): UnappliedMoney | null {
  const missing = { table: GVA12.table, key: 'recibos o cheques sin cliente', problem: NO_CUSTOMER_PROBLEM.unapplied };
  return unappliedMoneyRow(row, 'COD_CLIENT', missing, tolerance, onIssue);
}
