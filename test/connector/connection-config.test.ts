/**
 * What knex actually hands to tedious' Connection for each way of logging in:
 * the object built by knex's own `_generateConnection`, not ours.
 */
import { describe, expect, it } from 'vitest';
import { tediousConfigOf, type SqlServerConnectionConfig } from '../../connector/connection';

const base: SqlServerConnectionConfig = {
  kind: 'sqlserver', host: 'srv-tango', port: 1433, database: 'EMPRESA', auth: { type: 'sql', user: 'cadencia', password: 'S3cr3t;#' },
  encrypt: true, trustServerCertificate: false, connectTimeoutMs: 15_000, requestTimeoutMs: 120_000,
};

interface TediousConfig {
  server: string;
  authentication: { type: string; options: { userName?: string; password?: string; domain?: string } };
  options: { database: string; port?: number; instanceName?: string; encrypt: boolean; trustServerCertificate: boolean; connectTimeout: number; requestTimeout: number; appName: string; useUTC: boolean };
}

describe('tedious configuration', () => {
  it('SQL login: user name and password reach tedious as a default authentication', () => {
    const c = tediousConfigOf(base) as unknown as TediousConfig;
    expect(c.server).toBe('srv-tango');
    expect(c.authentication.type).toBe('default');
    expect(c.authentication.options.userName).toBe('cadencia');
    expect(c.authentication.options.password).toBe('S3cr3t;#');
    expect(c.options).toMatchObject({ database: 'EMPRESA', port: 1433, encrypt: true, trustServerCertificate: false, appName: 'cadencia', useUTC: true });
    expect(c.options.connectTimeout).toBe(15_000);
    expect(c.options.requestTimeout).toBe(120_000);
    expect(c.options.instanceName).toBeUndefined();
  });

  it('the password is not printed when the configuration is logged', () => {
    const c = tediousConfigOf(base);
    expect(JSON.stringify(c)).not.toContain('S3cr3t');
  });

  it('Windows login: NTLM with domain, user and password', () => {
    const c = tediousConfigOf({ ...base, auth: { type: 'ntlm', domain: 'EMPRESA', user: 'svc-cadencia', password: 'pw' } }) as unknown as TediousConfig;
    expect(c.authentication.type).toBe('ntlm');
    expect(c.authentication.options).toMatchObject({ domain: 'EMPRESA', userName: 'svc-cadencia', password: 'pw' });
  });

  it('a named instance is resolved through SQL Browser: instanceName and no fixed port', () => {
    const c = tediousConfigOf({ ...base, instance: 'AXSQLEXPRESS', port: 1433 }) as unknown as TediousConfig;
    expect(c.options.instanceName).toBe('AXSQLEXPRESS');
    expect(c.options.port).toBeUndefined();
  });

  it('a custom port is used as given', () => {
    const c = tediousConfigOf({ ...base, port: 14330 }) as unknown as TediousConfig;
    expect(c.options.port).toBe(14330);
  });
});
