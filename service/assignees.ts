/**
 * Who handles a task: the customer's seller (through the INI's seller map),
 * the collector or the supervisor, as the cadence step says. Sellers with no
 * mapping (the cash-sale seller '**', unknown codes, no seller) fall back to
 * the role the INI names.
 */
import type { AssigneeRole, Customer } from '../rules/types';
import type { AppConfig, Person } from './config';

export interface Assignee extends Person {
  role: AssigneeRole;
}

export function assigneeFor(role: AssigneeRole, customer: Customer | undefined, staff: AppConfig['staff']): Assignee {
  if (role === 'supervisor') return { ...staff.supervisor, role };
  if (role === 'cobrador') return { ...staff.collector, role };
  const seller = customer?.sellerCode ? staff.sellers[customer.sellerCode] : undefined;
  if (seller) return { ...seller, role };
  const fallback = staff.fallback === 'supervisor' ? staff.supervisor : staff.collector;
  return { ...fallback, role: staff.fallback };
}
