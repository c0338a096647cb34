/**
 * Every add-on view at a schema version (the latest by default): v2's ERP views with v4's
 * V_ANTIGUEDAD and v5's V_TAREAS_HOY, and v3's KPI views.
 */
import type { Dialect } from '../connection';
import { agingViewDefinition } from './aging-schema';
import { kpiTables, kpiViewDefinitions } from './kpi-schema';
import type { AddonTables } from './tables';
import { v5TasksTodayView, viewDefinitions, type ViewDefinition, type ViewSources } from './views';

export function latestViews(t: AddonTables, sources: ViewSources, dialect: Dialect, version = 5): ViewDefinition[] {
  const replaced = [agingViewDefinition(t, sources, dialect), ...(version >= 5 ? [v5TasksTodayView(t, sources, dialect)] : [])];
  return [
    ...viewDefinitions(t, sources, dialect).map((v) => replaced.find((r) => r.name === v.name) ?? v),
    ...kpiViewDefinitions(t, sources, dialect),
  ];
}

/** Names of every add-on view (they do not depend on the profile). */
export function latestViewNames(t: AddonTables): string[] {
  const k = kpiTables(t);
  return [t.vAlertas, t.vTareasHoy, t.vAntiguedad, k.vKpiDiario, k.vKpiVendedor, k.vKpiNivel];
}
