/**
 * The SQL-views profile, for any ERP: reads the CADENCIA_* views an installer
 * wrote over the ERP's tables (templates in sql/vistas-plantilla.sql).
 */
import type { Knex } from 'knex';
import { mapStream, preview, type Row } from '../bejerman/stream';
import type { ErpProfile, IssueSink, ReadOptions, StatementPreview } from '../profile';
import {
  customersQuery, openInstallmentsQuery, paymentBehaviourQuery, sellersQuery, unappliedMoneyQuery,
} from './queries';
import { toCustomer, toOpenInstallment, toPaymentBehaviour, toSeller, toUnappliedMoney } from './rows';

export const viewsProfile: ErpProfile = {
  name: 'vistas',

  async sellers(db: Knex, _onIssue: IssueSink) {
    const rows = (await sellersQuery(db)) as Row[];
    return rows.map(toSeller).filter((s) => s.code !== '');
  },

  customers(db: Knex, onIssue: IssueSink) {
    return mapStream(customersQuery(db), (row) => toCustomer(row, onIssue));
  },

  openInstallments(db: Knex, opts: ReadOptions, onIssue: IssueSink) {
    return mapStream(openInstallmentsQuery(db, opts), (row) => toOpenInstallment(row, opts.tolerance, onIssue));
  },

  paymentBehaviour(db: Knex, opts: ReadOptions, onIssue: IssueSink) {
    return mapStream(paymentBehaviourQuery(db, opts), (row) => toPaymentBehaviour(row, onIssue));
  },

  unappliedMoney(db: Knex, opts: ReadOptions, onIssue: IssueSink) {
    return mapStream(unappliedMoneyQuery(db), (row) => toUnappliedMoney(row, opts.tolerance, onIssue));
  },

  statements(db: Knex, opts: ReadOptions): StatementPreview[] {
    return [
      preview('vendedores', sellersQuery(db)),
      preview('clientes', customersQuery(db)),
      preview('cuotas_pendientes', openInstallmentsQuery(db, opts)),
      preview('comportamiento_pago', paymentBehaviourQuery(db, opts)),
      preview('dinero_sin_aplicar', unappliedMoneyQuery(db)),
    ];
  },
};
