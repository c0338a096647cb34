import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../rules/defaults';
import { collectConfigErrors, ConfigError, loadCompanies, loadConfig, parseCompaniesText } from '../../service/config';
import { profileFor } from '../../service/context';
import { readFileSync } from 'node:fs';
import { EXAMPLE, fixture, lineOf, replaceLine, TempDir } from './helpers';

const FILE = 'cadencia.ini';
const env = { CLAVE_NORTE: 'n0rte;secreta', CLAVE_SUR: 'sur-secreta' };
const two = fixture('dos-empresas.ini');

function errorOf(text: string): ConfigError {
  try {
    parseCompaniesText(text, FILE, env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('the INI was accepted');
}

describe('several companies in one INI', () => {
  let tmp: TempDir | null = null;
  afterEach(() => tmp?.remove());

  it('parses one Tango and one Bejerman company, each complete, with its own overrides', () => {
    tmp = new TempDir();
    const [norte, sur, ...rest] = loadCompanies(tmp.write(FILE, two), env);
    expect(rest).toEqual([]);
    if (!norte || !sur) throw new Error('two companies expected');

    expect(norte.company).toMatchObject({
      id: 'norte', name: 'Distribuidora Norte S.A.', paymentInstructions: 'Transferencia al CBU indicado en la factura.',
    });
    expect(sur.company).toMatchObject({ id: 'sur', name: 'Ferretería Sur S.R.L.', phone: '(0291) 400-0000' });
    expect(sur.company.paymentInstructions).toBe(norte.company.paymentInstructions);

    expect(norte.erp.profile).toBe('tango');
    expect(norte.erp.connection).toMatchObject({
      kind: 'sqlserver', host: 'SRV-TANGO', instance: 'AXSQLEXPRESS', database: 'NORTE_SA',
      auth: { type: 'sql', user: 'cadencia', password: 'n0rte;secreta' },
    });
    expect(sur.erp.profile).toBe('bejerman');
    expect(sur.erp.connection).toMatchObject({ kind: 'sqlserver', host: 'SRV-BEJ', port: 1433, database: 'SBDASUR' });
    expect(profileFor(norte.erp.profile).name).toBe('tango');
    expect(profileFor(sur.erp.profile).name).toBe('bejerman');

    // Staff: shared [personal] with the company's keys on top; [vendedores:sur] replaces the shared list.
    expect(norte.staff.collector).toEqual({ name: 'Laura Gómez', email: 'laura@grupo-ejemplo.com.ar' });
    expect(sur.staff.collector).toEqual({ name: 'Ana Ruiz', email: 'ana@ferreteria-sur.com.ar' });
    expect(sur.staff.supervisor).toEqual(norte.staff.supervisor);
    expect(Object.keys(norte.staff.sellers)).toEqual(['01']);
    expect(Object.keys(sur.staff.sellers)).toEqual(['V1', 'V2']);

    // Rules: shared overrides for both, key-by-key company overrides on top, own cadence for sur.
    expect(norte.rules.tiers.A.maxOldestDaysOverdue).toBe(20);
    expect(sur.rules.tiers.A.maxOldestDaysOverdue).toBe(20);
    expect(norte.rules.tiers.A.maxWeightedDaysLate).toBe(5);
    expect(sur.rules.tiers.A.maxWeightedDaysLate).toBe(DEFAULT_RULES.tiers.A.maxWeightedDaysLate);
    expect(norte.rules.cadence.C).toEqual(DEFAULT_RULES.cadence.C);
    expect(sur.rules.cadence.C.map((s) => s.offsetDays)).toEqual([7, 45]);
    expect(sur.rules.cadence.B).toEqual(DEFAULT_RULES.cadence.B);

    // Shared sections are the same for both.
    expect(sur.mail).toEqual(norte.mail);
    expect(sur.schedule).toEqual(norte.schedule);
  });

  it('keeps single-company files working: loadCompanies gives one, loadConfig refuses several', () => {
    tmp = new TempDir();
    const single = tmp.write('uno.ini', fixture('minimo.ini'));
    expect(loadCompanies(single, {})).toEqual([loadConfig(single, {})]);
    const file = tmp.write(FILE, two);
    expect(() => loadConfig(file, env)).toThrow(
      `${file}: el archivo declara 2 empresas ([empresa:norte], [empresa:sur]); esta operación atiende una sola`,
    );
  });

  it('names the company section and line of a bad value or an unknown key', () => {
    const badPort = replaceLine(two, 'servidor = SRV-BEJ', 'puerto = noventa');
    const e = errorOf(badPort);
    expect(e.message).toBe(`${FILE}:${lineOf(badPort, 'puerto = noventa')}: [erp:sur] puerto: se esperaba un número entero entre 1 y 65535, se encontró «noventa»`);
    const unknown = replaceLine(two, 'atraso_promedio_max = 5', 'atraso_promedo_max = 5');
    expect(errorOf(unknown).message).toBe(
      `${FILE}:${lineOf(unknown, 'atraso_promedo_max')}: [niveles.A:norte] atraso_promedo_max: clave desconocida (¿quiso decir «atraso_promedio_max»?)`,
    );
  });

  it('names the company section when a required key is missing there', () => {
    const noServer = replaceLine(two, 'servidor = SRV-BEJ', null);
    expect(errorOf(noServer).message).toBe(
      `${FILE}:${lineOf(noServer, '[erp:sur]')}: [erp:sur] servidor: falta; es obligatoria con motor = sqlserver`,
    );
  });

  it('reports a problem of a shared section once, not once per company', () => {
    const text = replaceLine(two, 'dias_vencido_max = 20', 'dias_vencido_max = veinte');
    const problems = collectConfigErrors(text, env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: lineOf(text, 'dias_vencido_max'), section: 'niveles.A', key: 'dias_vencido_max' });
  });

  it('rejects duplicate company codes, a section of an undeclared company and an unknown company section', () => {
    const dup = replaceLine(two, 'telefono = (0291) 400-0000', 'id = NORTE');
    const e = errorOf(dup);
    expect(e.message).toBe(
      `${FILE}:${lineOf(dup, 'id = NORTE')}: [empresa:sur] id: código de empresa repetido «NORTE»: ya lo usa [empresa:norte] (línea ${lineOf(dup, '[empresa:norte]')}); cada empresa necesita un código distinto`,
    );
    const orphan = `${two}\n[erp:oeste]\nmotor = sqlite\narchivo = oeste.sqlite\n`;
    expect(errorOf(orphan).message).toBe(
      `${FILE}:${lineOf(orphan, '[erp:oeste]')}: [erp:oeste]: la empresa «oeste» no está declarada: agregue la sección [empresa:oeste] con su nombre`,
    );
    const typo = `${two}\n[correos:sur]\nmodo = carpeta\n`;
    expect(errorOf(typo).message).toMatch(/^cadencia\.ini:\d+: \[correos:sur\]: sección desconocida «correos» \(¿quiso decir «correo»\?\)/);
    const sharedId = replaceLine(two, 'instrucciones_pago', 'id = grupo');
    expect(errorOf(sharedId).message).toBe(
      `${FILE}:${lineOf(sharedId, 'id = grupo')}: [empresa] id: con varias empresas, el código de cada una es el de su sección [empresa:código]: quite esta clave`,
    );
  });

  it('accepts the views profile and rejects an unknown one', () => {
    const views = replaceLine(two, 'perfil = bejerman', 'perfil = vistas');
    expect(parseCompaniesText(views, FILE, env)[1]?.erp.profile).toBe('vistas');
    expect(profileFor('vistas').name).toBe('vistas');
    const bad = replaceLine(two, 'perfil = bejerman', 'perfil = sap');
    expect(errorOf(bad).message).toMatch(new RegExp(`^cadencia\\.ini:${lineOf(bad, 'perfil = sap')}: \\[erp:sur\\] perfil: se esperaba tango, bejerman o vistas`));
  });

  it('the commented block of cadencia.ejemplo.ini, uncommented, declares two valid companies', () => {
    const example = readFileSync(EXAMPLE, 'utf8');
    const start = lineOf(example, '; [empresa:norte]');
    const lines = replaceLine(example, 'id = distribuidora-ejemplo', null).split('\n');
    const uncommented = lines.map((l, i) => (i >= start - 2 && l.startsWith('; ') && !/^; [a-z-]+ =$/.test(l) ? l.slice(2) : l));
    const configs = parseCompaniesText(uncommented.join('\n'), EXAMPLE, { CADENCIA_CLAVE_NORTE: 'x', CADENCIA_CLAVE_SUR: 'y' });
    expect(configs.map((c) => [c.company.id, c.erp.profile])).toEqual([['norte', 'tango'], ['sur', 'bejerman']]);
    expect(configs[1]?.rules.tiers.A.maxOldestDaysOverdue).toBe(20);
    expect(configs[0]?.staff.sellers).toHaveProperty('05');
  });
});
