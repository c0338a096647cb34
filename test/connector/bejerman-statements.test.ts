import { describe, expect, it } from 'vitest';
import { mssqlCompiler } from '../../connector/connection';
import { bejermanProfile } from '../../connector/profiles/bejerman';

const opts = { asOf: '2025-06-30', lookBackDays: 365, lateThresholdDays: 15, tolerance: 1 };

describe('Bejerman profile: T-SQL sent to SQL Server', () => {
  const statements = bejermanProfile.statements(mssqlCompiler(), opts);

  it('has one single SELECT per read', () => {
    expect(statements.map((s) => s.name)).toEqual([
      'vendedores', 'clientes', 'cuotas_pendientes', 'comportamiento_pago', 'dinero_sin_aplicar',
    ]);
    for (const s of statements) {
      expect(s.sql.startsWith('select ')).toBe(true);
      expect(s.sql).not.toMatch(/;|\bnolock\b|\bmerge\b|\binsert\b|\bupdate\b|\bdelete\b/i);
    }
  });

  for (const s of statements) {
    it(`binds every value as a parameter: ${s.name}`, () => {
      expect(s.sql).not.toContain("'");
      expect(s.sql).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      const numbers = s.sql.replace(/@p\d+/g, '').match(/\b\d+(\.\d+)?\b/g) ?? [];
      expect(numbers.filter((n) => n !== '0' && n !== '1')).toEqual([]);
      expect(new Set(s.sql.match(/@p\d+/g) ?? []).size).toBe(s.bindings.length);
    });

    it(`matches the reviewed T-SQL: ${s.name}`, () => {
      expect({ sql: s.sql, bindings: s.bindings }).toMatchSnapshot();
    });
  }

  it('joins voucher types by code and circuit, skips voided rows and never aggregates MAX over a bit', () => {
    const open = statements.find((s) => s.name === 'cuotas_pendientes');
    expect(open?.sql).toContain('LTRIM(RTRIM([t].[tco_Cod])) = LTRIM(RTRIM([c].[cvetco_Cod])) and [t].[tco_Circuito] = [c].[cve_Circuito]');
    expect(open?.sql).toMatch(/\[t\]\.\[tco_TipoFijo\] in \(@p\d+, @p\d+\)/);
    expect(open?.sql).toMatch(/\[c\]\.\[cve_Anulado\] is null or \[c\]\.\[cve_Anulado\] <> @p\d+/);
    expect(open?.bindings).toEqual(expect.arrayContaining(['FC', 'ND', 1, opts.tolerance]));
    const customers = statements.find((s) => s.name === 'clientes')?.sql ?? '';
    expect(customers).toContain('MAX(CASE WHEN [q].[cve_ConClaus] = 1 THEN 1 ELSE 0 END)');
    const behaviour = statements.find((s) => s.name === 'comportamiento_pago');
    expect(behaviour?.sql).toContain('DATEDIFF(day, [c].[cve_FVto], [c].[cve_FecMod])');
    expect(behaviour?.bindings).toContainEqual(new Date('2024-06-30T00:00:00Z'));
    expect(behaviour?.bindings).toContainEqual(new Date('2025-07-01T00:00:00Z'));
    const unapplied = statements.find((s) => s.name === 'dinero_sin_aplicar');
    expect(unapplied?.bindings).toEqual(expect.arrayContaining(['RC', 'NC']));
    expect(unapplied?.sql).toContain('ABS([c].[cve_SaldoMonLoc])');
  });
});
