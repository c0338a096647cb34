/**
 * Windows Event Log for warnings and errors, through Windows' own
 * eventcreate.exe (no native addon, so it works inside the single
 * executable). Source «cadencia» in the Application log. Writing to the Event
 * Log never stops work: failures are ignored, and a burst is capped.
 */
import { execFile } from 'node:child_process';
import TransportStream from 'winston-transport';
import type winston from 'winston';

/** winston's formatted line (triple-beam's MESSAGE). */
const MESSAGE = Symbol.for('message');

export type EventRunner = (file: string, args: string[]) => Promise<void>;

const runEventCreate: EventRunner = (file, args) =>
  new Promise((resolve) => {
    execFile(file, args, { windowsHide: true, timeout: 15_000 }, () => resolve());
  });

/** eventcreate takes IDs 1–1000: 1 for errors, 2 for warnings. */
export function eventCreateArgs(level: string, text: string, source = 'cadencia'): string[] {
  const error = level === 'error';
  // eventcreate rejects very long descriptions; the full line stays in the log file.
  const description = text.replace(/\r?\n/g, ' ').slice(0, 4000);
  return ['/L', 'APPLICATION', '/T', error ? 'ERROR' : 'WARNING', '/SO', source, '/ID', error ? '1' : '2', '/D', description];
}

export interface EventLogOptions {
  source?: string;
  run?: EventRunner;
  /** Most entries waiting to be written; more are dropped (a flood must not spawn thousands of processes). */
  maxPending?: number;
}

export class EventLogTransport extends TransportStream {
  private pending = 0;
  private chain: Promise<void> = Promise.resolve();
  private readonly run: EventRunner;
  private readonly source: string;
  private readonly maxPending: number;

  constructor(opts: EventLogOptions = {}) {
    super({ level: 'warn' });
    this.run = opts.run ?? runEventCreate;
    this.source = opts.source ?? 'cadencia';
    this.maxPending = opts.maxPending ?? 20;
  }

  override log(info: winston.Logform.TransformableInfo, callback: () => void): void {
    setImmediate(() => this.emit('logged', info));
    if (this.pending < this.maxPending) {
      this.pending += 1;
      const text = String((info as Record<symbol, unknown>)[MESSAGE] ?? info.message);
      const args = eventCreateArgs(info.level, text, this.source);
      this.chain = this.chain
        .then(() => this.run('eventcreate', args))
        .catch(() => undefined)
        .finally(() => {
          this.pending -= 1;
        });
    }
    callback();
  }

  /** Resolves when every accepted entry has been handed to eventcreate (tests, shutdown). */
  idle(): Promise<void> {
    return this.chain;
  }
}
