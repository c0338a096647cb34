/** Schema version 3: the daily KPI snapshot table and its views for the ERP's report tools. */
import type { Knex } from 'knex';
import { dialectOf } from '../connection';
import { kpiTableDefinition, kpiTables, kpiViewDefinitions } from './kpi-schema';
import type { AddonTables } from './tables';
import type { ViewSources } from './views';

export async function upV3(db: Knex, t: AddonTables, sources: ViewSources): Promise<void> {
  const def = kpiTableDefinition(t);
  await db.schema.createTable(def.name, def.build);
  for (const view of kpiViewDefinitions(t, sources, dialectOf(db))) {
    await db.raw(`CREATE VIEW ${view.name} AS\n${view.select}`);
  }
}

export async function downV3(db: Knex, t: AddonTables): Promise<void> {
  const k = kpiTables(t);
  for (const name of [k.vKpiNivel, k.vKpiVendedor, k.vKpiDiario]) await db.schema.dropViewIfExists(name);
  await db.schema.dropTableIfExists(k.kpiDia);
}
