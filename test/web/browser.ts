/**
 * A real browser for the worklist's end-to-end tests: Debian's chromium
 * (/usr/bin/chromium, or CHROMIUM_PATH) driven by playwright-core. No browser
 * is ever downloaded: without chromium the browser suites FAIL, they do not
 * skip (CI installs it in .ci/run).
 *
 * Every page lives in its own browser context (its own cookies), and records
 * what the console and the page report as errors: a Content-Security-Policy
 * violation (an inline script or style, something from elsewhere) shows up
 * there.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

/** Flags chromium needs to run headless as root in a container, quietly and without calling home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/** The two widths every screen is checked at: a phone and a desktop. */
export const WIDTHS = [375, 1280] as const;

/** Where screenshots go: test-artifacts/web/<name>-<width>.png at the repository root (ignored by git). */
export const SHOTS_FOLDER = fileURLToPath(new URL('../../test-artifacts/web/', import.meta.url));

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

export interface TestBrowser {
  browser: Browser;
  /** A page in a fresh context (no cookies) with the given viewport width (and height). */
  newPage(viewport: { width: number; height?: number }, options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

const problems = new WeakMap<Page, string[]>();

/** Console errors and uncaught page errors seen so far on a page opened by `newPage`. */
export function problemsOf(page: Page): string[] {
  return problems.get(page) ?? [];
}

export async function openBrowser(): Promise<TestBrowser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(
      `No se encontró chromium en ${executablePath}. Las pruebas en navegador usan el chromium de Debian ` +
        '(apt-get install -y --no-install-recommends chromium) o el indicado en CHROMIUM_PATH; ' +
        'nunca se descarga un navegador.',
    );
  }
  const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], timeout: 30_000 });
  return {
    browser,
    async newPage(viewport, options = {}) {
      const context = await browser.newContext({
        viewport: { width: viewport.width, height: viewport.height ?? 800 },
        locale: 'es-AR',
        timezoneId: 'America/Argentina/Buenos_Aires',
        ...options,
      });
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      const seen: string[] = [];
      problems.set(page, seen);
      page.on('console', (msg) => {
        if (msg.type() !== 'error' && msg.type() !== 'warning') return;
        const where = msg.location().url;
        seen.push(`consola (${msg.type()}): ${msg.text()}${where ? ` [${where}]` : ''}`);
      });
      page.on('pageerror', (err) => seen.push(`error de página: ${err.message}`));
      return page;
    },
    async close() {
      await browser.close();
    },
  };
}

/**
 * Screenshots of the whole page at 375 px and 1280 px wide:
 * test-artifacts/web/<name>-375.png and <name>-1280.png. The viewport is left
 * as it was. Returns the files written.
 */
export async function shot(page: Page, name: string): Promise<string[]> {
  mkdirSync(SHOTS_FOLDER, { recursive: true });
  const before = page.viewportSize() ?? { width: 1280, height: 800 };
  const files: string[] = [];
  try {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: before.height });
      const file = join(SHOTS_FOLDER, `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      files.push(file);
    }
  } finally {
    await page.setViewportSize(before);
  }
  return files;
}

/** How wide the document is (CSS px): more than the viewport means sideways scrolling. */
export async function documentWidth(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth');
}

/**
 * chromium for a suite: `open()` in beforeAll never throws; when chromium is
 * missing or does not start, every test's `newPage` fails with the reason, so
 * each test is reported as failed (a failing beforeAll would list them as skipped).
 */
export function suiteBrowser(): Pick<TestBrowser, 'newPage' | 'close'> & { open(): Promise<void> } {
  let opened: TestBrowser | Error = new Error('El navegador no se abrió (falta open() en beforeAll)');
  return {
    async open() {
      opened = await openBrowser().catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
    },
    async newPage(viewport, options) {
      if (opened instanceof Error) throw opened;
      return opened.newPage(viewport, options);
    },
    async close() {
      if (!(opened instanceof Error)) await opened.close();
    },
  };
}
