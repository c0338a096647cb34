import { describe, expect, it } from 'vitest';
import { mssqlCompiler } from '../../connector/connection';
import { tangoProfile } from '../../connector/profiles/tango';

const opts = { asOf: '2025-06-30', lookBackDays: 365, lateThresholdDays: 15, tolerance: 1 };

describe('Tango profile: T-SQL sent to SQL Server', () => {
  const statements = tangoProfile.statements(mssqlCompiler(), opts);

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
      // No string literals, no dates, no amounts: only @p parameters and the 0/1 of SUM/COALESCE.
      expect(s.sql).not.toContain("'");
      expect(s.sql).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      const numbers = s.sql.replace(/@p\d+/g, '').match(/\b\d+(\.\d+)?\b/g) ?? [];
      expect(numbers.filter((n) => n !== '0' && n !== '1')).toEqual([]);
      const params = new Set(s.sql.match(/@p\d+/g) ?? []);
      expect(params.size).toBe(s.bindings.length);
    });

    it(`matches the reviewed T-SQL: ${s.name}`, () => {
      expect({ sql: s.sql, bindings: s.bindings }).toMatchSnapshot();
    });
  }

  it('compares keys trimmed and groups applications in a derived table, never per row', () => {
    const open = statements.find((s) => s.name === 'cuotas_pendientes')?.sql ?? '';
    expect(open).toMatch(/LTRIM\(RTRIM\(\[h\]\.\[N_COMP\]\)\) = LTRIM\(RTRIM\(\[v\]\.\[N_COMP\]\)\)/);
    expect(open).toMatch(/left join \(select .* group by .*\) as \[p\]/);
    expect(open).not.toMatch(/\(select[^()]*where[^()]*\[v\]\./); // no correlated subquery on the installment
    const behaviour = statements.find((s) => s.name === 'comportamiento_pago')?.sql ?? '';
    expect(behaviour).toContain('DATEDIFF(day, [a].[FECHA_VTO], [a].[F_COMP_CAN])');
  });

  it('binds dates as typed values and the customer-independent codes as parameters', () => {
    const behaviour = statements.find((s) => s.name === 'comportamiento_pago');
    expect(behaviour?.bindings).toContainEqual(new Date('2025-06-30T00:00:00Z'));
    expect(behaviour?.bindings).toContainEqual(new Date('2024-06-30T00:00:00Z'));
    const open = statements.find((s) => s.name === 'cuotas_pendientes');
    expect(open?.bindings).toEqual(expect.arrayContaining(['PEN', 'PAG', 'REC', 'D', opts.tolerance]));
  });
});
