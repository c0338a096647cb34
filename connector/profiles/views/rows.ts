/** Row mapping for the CADENCIA_* views: driver values → domain data, bad rows → RowIssue. */
import type { Customer, OpenInstallment, PaymentBehaviour, Seller, UnappliedMoney } from '../../../rules/types';
import { invalidDate, invalidDateProblem, toIsoDate } from '../../dialect/dates';
import { cents, NO_CUSTOMER_PROBLEM, num, paymentBehaviourRow, text, truthy, unappliedMoneyRow } from '../row-values';
import type { IssueSink } from '../profile';
import { ABSURD_AMOUNT, CLIENTES, CUOTAS, PAGOS, SIN_APLICAR } from './schema';

type Row = Record<string, unknown>;

export function toSeller(row: Row): Seller {
  return { code: text(row.CODIGO) ?? '', name: text(row.NOMBRE) ?? '', email: text(row.EMAIL) };
}

export function toCustomer(row: Row, onIssue: IssueSink): Customer | null {
  const code = text(row.CODIGO);
  const name = text(row.NOMBRE) ?? '';
  if (code === null) {
    onIssue({ table: CLIENTES.name, key: name || '(sin nombre)', problem: 'Cliente sin código: se omite.' });
    return null;
  }
  const badCreated = invalidDate(row.FECHA_ALTA);
  if (badCreated !== null) {
    onIssue({ table: CLIENTES.name, key: `cliente ${code}`, problem: invalidDateProblem('Fecha de alta', badCreated, 'se omite el cliente.') });
    return null;
  }
  let sellerCode = text(row.VENDEDOR);
  if (sellerCode !== null && row.SELLER_FOUND == null) {
    onIssue({
      table: CLIENTES.name,
      key: `cliente ${code}`,
      problem: `El vendedor «${sellerCode}» no existe en la vista de vendedores: el cliente queda sin vendedor asignado.`,
    });
    sellerCode = null;
  }
  const creditLimit = num(row.LIMITE_CREDITO);
  return {
    code,
    name,
    email: text(row.EMAIL),
    phone: text(row.TELEFONO),
    mobile: text(row.CELULAR),
    sellerCode,
    createdOn: toIsoDate(row.FECHA_ALTA),
    inactiveSince: toIsoDate(row.INACTIVO_DESDE),
    creditLimit: creditLimit !== null && creditLimit > 0 ? creditLimit : null,
    foreignCurrencyClause: truthy(row.MONEDA_EXTRANJERA),
    erpBalance: null,
  };
}

export function toOpenInstallment(row: Row, tolerance: number, onIssue: IssueSink): OpenInstallment | null {
  const voucherType = text(row.TIPO) ?? '';
  const voucherNumber = text(row.NUMERO) ?? '';
  const badDue = invalidDate(row.FECHA_VTO);
  const dueOn = toIsoDate(row.FECHA_VTO);
  const key = `${voucherType} ${voucherNumber} vto ${dueOn ?? badDue ?? 'sin fecha'}`;
  const report = (problem: string): null => {
    onIssue({ table: CUOTAS.name, key, problem });
    return null;
  };
  const customerCode = text(row.CLIENTE);
  if (customerCode === null) return report('Cuota sin código de cliente: se omite.');
  if (badDue !== null) return report(invalidDateProblem('Fecha de vencimiento', badDue, 'se omite la cuota.'));
  if (dueOn === null) return report('Cuota sin fecha de vencimiento: se omite.');
  const amount = num(row.IMPORTE);
  if (amount === null) return report('Cuota sin importe: se omite.');
  if (amount < 0) return report(`Importe de cuota negativo (${amount}): se omite.`);
  if (amount > ABSURD_AMOUNT) return report(`Importe de cuota fuera de rango (${amount}): se omite.`);
  const pending = cents(num(row.PENDIENTE) ?? amount);
  if (pending <= tolerance) return null;
  return {
    customerCode, voucherType, voucherNumber, issuedOn: toIsoDate(row.FECHA_EMISION) ?? dueOn, dueOn,
    amount: cents(amount), pending,
  };
}

export function toPaymentBehaviour(row: Row, onIssue: IssueSink): PaymentBehaviour | null {
  const missing = { table: PAGOS.name, key: 'pagos sin cliente', problem: 'Pagos o cuotas sin código de cliente: no se cuentan.' };
  return paymentBehaviourRow(row, 'CLIENTE', missing, onIssue);
}

export function toUnappliedMoney(row: Row, tolerance: number, onIssue: IssueSink): UnappliedMoney | null {
  const missing = { table: SIN_APLICAR.name, key: 'dinero sin cliente', problem: NO_CUSTOMER_PROBLEM.unapplied };
  return unappliedMoneyRow(row, 'CLIENTE', missing, tolerance, onIssue);
}
