import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR, DEFAULT_RULES } from '../../rules/defaults';
import { loadConfig, parseConfigText } from '../../service/config';
import { addToSection, fixture, replaceLine, TempDir } from './helpers';

const SECRETS = {
  CADENCIA_SQL_CLAVE: 'S3cr3t;#=',
  CADENCIA_OAUTH2_SECRETO: 'oauth-secret',
  CADENCIA_OAUTH2_TOKEN: 'refresh-token',
};

describe('a valid INI', () => {
  let tmp: TempDir | null = null;
  afterEach(() => tmp?.remove());

  it('gets every omitted rule and setting from the defaults', () => {
    tmp = new TempDir();
    const cfg = loadConfig(tmp.write('cadencia.ini', fixture('minimo.ini')), {});
    expect(cfg.rules).toEqual(DEFAULT_RULES);
    expect(cfg.calendar).toEqual(DEFAULT_CALENDAR);
    expect(cfg.company).toEqual({
      id: 'ferreteria-los-andes-srl', name: 'Ferretería Los Andes SRL', paymentInstructions: '',
      paymentLink: null, phone: null, email: null,
    });
    expect(cfg.schedule).toEqual({ cycleEveryMinutes: 60, from: '07:00', to: '20:00', digestAt: '08:00', outboxEveryMinutes: 5 });
    expect(cfg.logs).toEqual({ folder: join(tmp.path, 'registros'), retentionDays: 30, level: 'info' });
    expect(cfg.staff.sellers).toEqual({});
    expect(cfg.mail.maxAttempts).toBe(5);
  });

  it('resolves relative paths against the folder of the INI, not the working directory', () => {
    tmp = new TempDir();
    const cfg = loadConfig(tmp.write('cadencia.ini', fixture('minimo.ini')), {});
    expect(cfg.file).toBe(join(tmp.path, 'cadencia.ini'));
    expect(cfg.erp.connection).toEqual({ kind: 'sqlite', file: join(tmp.path, 'datos', 'erp.sqlite') });
    expect(cfg.mail.folder).toBe(join(tmp.path, 'salida', 'correo'));
  });

  it('reads SQL Server, OAuth2 SMTP and secrets from environment variables', () => {
    tmp = new TempDir();
    const cfg = loadConfig(tmp.write('cadencia.ini', fixture('sqlserver.ini')), SECRETS);
    expect(cfg.erp.connection).toEqual({
      kind: 'sqlserver', host: 'SRV-TANGO', instance: 'AXSQLEXPRESS', database: 'FERRETERIA_ANDES',
      auth: { type: 'ntlm', domain: 'ANDES', user: 'svc_cadencia', password: 'S3cr3t;#=' },
      encrypt: true, trustServerCertificate: true, connectTimeoutMs: 15_000, requestTimeoutMs: 90_000,
    });
    expect(cfg.erp.customerFlagColumn).toBe('OBSERVACIONES');
    expect(cfg.mail.smtp).toEqual({
      host: 'smtp.office365.com', port: 587, security: 'starttls', timeoutMs: 30_000,
      auth: {
        type: 'oauth2', user: 'cobranzas@ferreteria-ejemplo.com.ar', clientId: '11111111-2222-3333-4444-555555555555',
        clientSecret: 'oauth-secret', refreshToken: 'refresh-token', tenant: 'ferreteria-ejemplo.onmicrosoft.com',
        provider: 'microsoft',
      },
    });
    expect(cfg.mail.folder).toBeNull();
    expect(cfg.mail.templatesFolder).toBe(join(tmp.path, 'plantillas-propias'));
    expect(cfg.company.id).toBe('andes');
    expect(cfg.company.paymentLink).toBe('https://pagos.ferreteria-ejemplo.com.ar/cliente');
    expect(cfg.logs.folder).toBe(join(tmp.path, '..', 'registros'));
    expect(cfg.logs.level).toBe('debug');
  });

  it('trims seller codes and accepts "**" quoted or not', () => {
    const cfg = parseConfigText(fixture('sqlserver.ini'), '/srv/cadencia.ini', SECRETS);
    expect(cfg.staff.sellers).toEqual({
      '7': { name: 'Pablo Ríos', email: 'pablo@ferreteria-ejemplo.com.ar' },
      '**': { name: 'Mostrador', email: 'mostrador@ferreteria-ejemplo.com.ar' },
    });
    expect(cfg.staff.fallback).toBe('supervisor');
    const unquoted = replaceLine(fixture('sqlserver.ini'), '"**"', '** = Caja <caja@ferreteria-ejemplo.com.ar>');
    expect(parseConfigText(unquoted, '/srv/cadencia.ini', SECRETS).staff.sellers['**']).toEqual({
      name: 'Caja', email: 'caja@ferreteria-ejemplo.com.ar',
    });
  });

  it('substitutes ${VAR} inside longer values too', () => {
    const text = replaceLine(fixture('minimo.ini'), 'archivo', 'archivo = ${BASE}/erp-${EMPRESA}.sqlite');
    const cfg = parseConfigText(text, '/srv/cadencia.ini', { BASE: '/datos', EMPRESA: 'andes' });
    expect(cfg.erp.connection).toEqual({ kind: 'sqlite', file: '/datos/erp-andes.sqlite' });
  });

  it('accepts decimal comma or point, percentages, si/no, "sin_limite" and Spanish weekdays', () => {
    let text = addToSection(fixture('minimo.ini'), 'empresa', 'telefono = 0261 400-0000');
    text += [
      '', '[niveles.B]', 'atraso_promedio_max = 20,5', 'proporcion_tarde_max = 35%', 'vencido_sobre_credito_max = sin_limite',
      'saldo_vencido_max = 1500000.75', '[niveles.A]', 'saldo_vencido_max = 500000',
      '[importes]', 'tolerancia = 0.5',
      '[calendario]', 'dias_habiles = lun, mar, mié, jue, vie, sáb', 'feriados_pais = ninguno',
      'feriados_extra = 2026-12-24, 2026-12-31',
      '[contacto]', 'ventana_desde = 8:30', 'max_contactos = 0',
      '[niveles]', 'nivel_cliente_nuevo = C',
    ].join('\n');
    const cfg = parseConfigText(text, '/srv/cadencia.ini', {});
    expect(cfg.rules.tiers.B).toEqual({
      maxWeightedDaysLate: 20.5, maxLateShare: 0.35, maxOldestDaysOverdue: DEFAULT_RULES.tiers.B.maxOldestDaysOverdue,
      maxOverdueToCredit: null, maxOverdueBalance: 1500000.75,
    });
    expect(cfg.rules.tiers.A).toEqual({ ...DEFAULT_RULES.tiers.A, maxOverdueBalance: 500000 });
    expect(cfg.rules.tiers.newCustomerTier).toBe('C');
    expect(cfg.rules.amounts).toEqual({ tolerance: 0.5, minOverdueToAct: DEFAULT_RULES.amounts.minOverdueToAct });
    expect(cfg.calendar).toEqual({
      ...DEFAULT_CALENDAR, businessWeekdays: [1, 2, 3, 4, 5, 6], holidayCountry: null,
      extraHolidays: ['2026-12-24', '2026-12-31'],
    });
    expect(cfg.rules.caps).toEqual({ ...DEFAULT_RULES.caps, windowStart: '08:30', maxContacts: 0 });
    expect(cfg.company.phone).toBe('0261 400-0000');
  });

  it('replaces only the tiers whose [cadencia.X] section is present, deriving step ids from offsets', () => {
    const text = `${fixture('minimo.ini')}\n[cadencia.C]\npaso1 = -2 | whatsapp | recordatorio | cobrador | preventiva\n`
      + 'paso2 = 0 | telefono | primer-aviso | cobrador | administrativa\n'
      + 'paso3 = +45 | carta, email | intimacion | supervisor | extrajudicial\n';
    const cfg = parseConfigText(text, '/srv/cadencia.ini', {});
    expect(cfg.rules.cadence.A).toEqual(DEFAULT_RULES.cadence.A);
    expect(cfg.rules.cadence.B).toEqual(DEFAULT_RULES.cadence.B);
    expect(cfg.rules.cadence.C).toEqual([
      { id: 'D-2', offsetDays: -2, channels: ['whatsapp'], template: 'recordatorio', role: 'cobrador', stage: 'preventiva' },
      { id: 'D+0', offsetDays: 0, channels: ['telefono'], template: 'primer-aviso', role: 'cobrador', stage: 'administrativa' },
      { id: 'D+45', offsetDays: 45, channels: ['carta', 'email'], template: 'intimacion', role: 'supervisor', stage: 'extrajudicial' },
    ]);
  });

  it('builds SQL Server with SQL authentication and port, and SMTP with a password', () => {
    let text = fixture('minimo.ini');
    text = replaceLine(text, 'motor', 'motor = sqlserver\nservidor = 10.0.0.5\npuerto = 14330\nbase = EMPRESA\nusuario = cadencia\nclave = ${PW}');
    text = replaceLine(text, 'modo', 'modo = smtp\nservidor = mail.ferreteria-ejemplo.com.ar\nseguridad = tls\nusuario = cobranzas\nclave = ${PW}');
    const cfg = parseConfigText(text, '/srv/cadencia.ini', { PW: 'pw' });
    expect(cfg.erp.connection).toMatchObject({ kind: 'sqlserver', host: '10.0.0.5', port: 14330, auth: { type: 'sql', user: 'cadencia', password: 'pw' } });
    expect(cfg.mail.smtp).toMatchObject({ host: 'mail.ferreteria-ejemplo.com.ar', port: 465, security: 'tls', auth: { type: 'clave', user: 'cobranzas', password: 'pw' } });
    expect(cfg.mail.folder).toBeNull();
  });
});
