/**
 * What the KPI reports read from: the ERP database and profile, the add-on
 * table names and a few settings. A CompanyContext fits as is; tests build it
 * by hand.
 */
import type { Knex } from 'knex';
import type { AddonTables } from '../../connector/addon/tables';
import type { ErpProfile, IssueSink } from '../../connector/profiles/profile';
import { readCurrentTiers } from '../../connector/addon/kpi-read';
import type { CustomerClassifier } from '../../rules/kpis/types';
import type { RuleSettings } from '../../rules/types';

export interface ReportSource {
  db: Knex;
  profile: ErpProfile;
  tables: AddonTables;
  config: {
    company: { name: string };
    rules: Pick<RuleSettings, 'lookBackDays' | 'amounts' | 'promises' | 'tiers'>;
  };
}

export interface Classification {
  classifier: CustomerClassifier;
  customers: string[];
  sellerNames: Map<string, string>;
}

/** Customers with their seller (ERP) and current tier (add-on): two set-based reads. */
export async function readClassification(src: ReportSource, onIssue: IssueSink = () => undefined): Promise<Classification> {
  const sellerOf = new Map<string, string | null>();
  for await (const c of src.profile.customers(src.db, onIssue)) sellerOf.set(c.code, c.sellerCode);
  const sellerNames = new Map<string, string>();
  for (const s of await src.profile.sellers(src.db, onIssue)) sellerNames.set(s.code, s.name);
  const tiers = await readCurrentTiers(src.db, src.tables);
  return {
    classifier: { sellerOf: (code) => sellerOf.get(code) ?? null, tierOf: (code) => tiers.get(code) ?? null },
    customers: [...sellerOf.keys()],
    sellerNames,
  };
}
