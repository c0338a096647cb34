import { describe, expect, it } from 'vitest';
import winston from 'winston';
import { EventLogTransport, eventCreateArgs } from '../../service/logging-eventlog';
import { maskSecrets } from '../../service/logging';

describe('Windows Event Log transport', () => {
  it('writes warnings and errors (not info) with eventcreate, formatted and masked', async () => {
    const calls: string[][] = [];
    const transport = new EventLogTransport({ run: async (file, args) => void calls.push([file, ...args]) });
    const logger = winston.createLogger({
      level: 'debug',
      format: winston.format.combine(
        winston.format((info) => ({ ...info, message: maskSecrets(String(info.message), ['s3creto']) }))(),
        winston.format.printf((i) => `${i.level.toUpperCase()} ${String(i.message)}`),
      ),
      transports: [transport],
    });
    logger.info('ciclo terminado');
    logger.warn('correo demorado');
    logger.error('no se pudo conectar con clave s3creto\nsegunda línea');
    await new Promise((r) => setTimeout(r, 20));
    await transport.idle();
    expect(calls).toEqual([
      ['eventcreate', '/L', 'APPLICATION', '/T', 'WARNING', '/SO', 'cadencia', '/ID', '2', '/D', 'WARN correo demorado'],
      ['eventcreate', '/L', 'APPLICATION', '/T', 'ERROR', '/SO', 'cadencia', '/ID', '1', '/D', 'ERROR no se pudo conectar con clave *** segunda línea'],
    ]);
  });

  it('drops entries past the cap and survives a failing eventcreate', async () => {
    let started = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const transport = new EventLogTransport({
      maxPending: 2,
      run: async () => {
        started += 1;
        await gate;
        throw new Error('eventcreate no disponible');
      },
    });
    const logger = winston.createLogger({ transports: [transport] });
    for (let i = 0; i < 5; i++) logger.error(`error ${i}`);
    await new Promise((r) => setTimeout(r, 20));
    release();
    await transport.idle();
    expect(started).toBe(2);
  });

  it('keeps descriptions to one bounded line', () => {
    const args = eventCreateArgs('warn', `a\r\nb${'x'.repeat(5000)}`);
    expect(args.at(-1)).toHaveLength(4000);
    expect(args.at(-1)!.startsWith('a b')).toBe(true);
  });
});
