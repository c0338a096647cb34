/**
 * The account statement's data (the Cliente page, its PDF and the statement
 * attached to a reminder by e-mail): kept apart from the routes so the
 * customer-mail side can use it without the web server.
 */
import { daysBetween } from '../../rules/dates';
import type { CompanyContext } from '../context';
import { companyInfo } from '../cycle/digests';
import { fillPaymentLink } from '../mail/payment-link';
import type { CompanyInfo } from '../mail/types';
import type { CustomerAccount } from './customer-account';
import { statementTotals, type StatementData } from './pdf';

/** A customer code as it can go in a file name. */
export function fileSafe(code: string): string {
  return code.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '') || 'cliente';
}

/** The account statement's data: the open installments and the money not applied yet, as the PDF prints them. */
export function statementOf(ctx: CompanyContext, account: CustomerAccount): StatementData {
  const c = account.customer;
  const lines = account.installments.map((i) => ({
    voucher: `${i.voucherType} ${i.voucherNumber}`,
    issuedOn: i.issuedOn,
    dueOn: i.dueOn,
    pending: i.pending,
    daysLate: daysBetween(i.dueOn, account.asOf),
  }));
  const data: StatementData = {
    company: companyInfo(ctx),
    customer: { code: c.code, name: c.name, email: c.email, phone: c.phone },
    asOf: account.asOf,
    lines,
    onAccount: account.unapplied.onAccount,
    cheques: account.unapplied.chequesInPortfolio,
  };
  return { ...data, company: withPaymentLink(data.company, data) };
}

/** The company's payment link filled for the customer (as in its messages). */
function withPaymentLink(company: CompanyInfo, data: StatementData): CompanyInfo {
  if (!company.paymentLink) return company;
  const t = statementTotals(data);
  return {
    ...company,
    paymentLink: fillPaymentLink(company.paymentLink, {
      customerCode: data.customer.code,
      amount: t.claimed,
      vouchers: data.lines.filter((l) => l.daysLate > 0).map((l) => l.voucher),
    }),
  };
}

