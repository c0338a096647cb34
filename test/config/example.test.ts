import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR, DEFAULT_RULES } from '../../rules/defaults';
import { loadConfig } from '../../service/config';
import { EXAMPLE } from './helpers';

describe('the shipped cadencia.ejemplo.ini', () => {
  const cfg = loadConfig(EXAMPLE, {});

  it('shows exactly the default rules and calendar', () => {
    expect(cfg.rules).toEqual(DEFAULT_RULES);
    expect(cfg.calendar).toEqual(DEFAULT_CALENDAR);
  });

  it('points at the demo: SQLite ERP and mail written to a folder, relative to the INI', () => {
    const dir = dirname(EXAMPLE);
    expect(cfg.file).toBe(EXAMPLE);
    expect(cfg.erp.connection).toEqual({ kind: 'sqlite', file: join(dir, 'demo', 'erp-demo.sqlite') });
    expect(cfg.erp.tablePrefix).toBe('COB_');
    expect(cfg.warnings).toEqual([]);
    expect(cfg.mail.mode).toBe('carpeta');
    expect(cfg.mail.folder).toBe(join(dir, 'demo', 'correo'));
    expect(cfg.mail.smtp).toBeNull();
    expect(cfg.logs.folder).toBe(join(dir, 'registros'));
  });

  it('maps sellers 01 to 05 to people at the fictional company', () => {
    expect(Object.keys(cfg.staff.sellers)).toEqual(['01', '02', '03', '04', '05']);
    for (const person of Object.values(cfg.staff.sellers)) {
      expect(person.email).toMatch(/@distribuidora-ejemplo\.com\.ar$/);
      expect(person.name).not.toBe('');
    }
    expect(cfg.staff.collector.email).toMatch(/@distribuidora-ejemplo\.com\.ar$/);
    expect(cfg.staff.fallback).toBe('cobrador');
  });
});
