/** Every add-on view at the latest schema version: v2's ERP views with v4's V_ANTIGUEDAD, and v3's KPI views. */
import type { Dialect } from '../connection';
import { agingViewDefinition } from './aging-schema';
import { kpiTables, kpiViewDefinitions } from './kpi-schema';
import type { AddonTables } from './tables';
import { viewDefinitions, type ViewDefinition, type ViewSources } from './views';

export function latestViews(t: AddonTables, sources: ViewSources, dialect: Dialect): ViewDefinition[] {
  const latest = agingViewDefinition(t, sources, dialect);
  return [
    ...viewDefinitions(t, sources, dialect).map((v) => (v.name === latest.name ? latest : v)),
    ...kpiViewDefinitions(t, sources, dialect),
  ];
}

/** Names of every add-on view (they do not depend on the profile). */
export function latestViewNames(t: AddonTables): string[] {
  const k = kpiTables(t);
  return [t.vAlertas, t.vTareasHoy, t.vAntiguedad, k.vKpiDiario, k.vKpiVendedor, k.vKpiNivel];
}
