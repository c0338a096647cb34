/**
 * The MSI, with msitools' wixl: installer/cadencia.wxs plus two fragments
 * listing mail-templates/ and sql/ (made with wixl-heat, so new template files
 * need no edit of the .wxs).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { requireTool } from './single-exe';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

/** A WiX fragment (component group) for every file under `dir`, via wixl-heat. */
export function heatFragment(root: string, dir: string, directoryRef: string, group: string, variable: string): string {
  const files = filesUnder(join(root, dir)).map((f) => relative(root, f)).sort();
  return execFileSync(
    'wixl-heat',
    ['--prefix', `${dir}/`, '--directory-ref', directoryRef, '--component-group', group, '--var', `var.${variable}`, '--win64'],
    { cwd: root, input: files.join('\n') + '\n', encoding: 'utf8' },
  );
}

/** msidbComponentAttributes: 64-bit, Permanent (kept on uninstall), NeverOverwrite (installed only if absent). */
export const ATTR = { win64: 256, permanent: 16, neverOverwrite: 128 } as const;

/** cadencia.ini: only if absent, kept forever; the logs folder: kept forever. */
export const COMPONENT_FIXES = [
  `UPDATE Component SET Attributes = ${ATTR.win64 | ATTR.permanent | ATTR.neverOverwrite} WHERE Component = 'C.ini'`,
  `UPDATE Component SET Attributes = ${ATTR.win64 | ATTR.permanent} WHERE Component = 'C.logs'`,
];

/** MSI versions are three numbers; a pre-release suffix of package.json is dropped. */
export function msiVersion(version: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) throw new Error(`Versión inválida para el MSI: ${version}`);
  return `${m[1]}.${m[2]}.${m[3]}`;
}

export function buildMsi(opts: { root: string; version: string; exe: string; nssm: string; workDir: string; outMsi: string }): number {
  requireTool('wixl', 'wixl');
  requireTool('wixl-heat', 'wixl');
  requireTool('msibuild', 'msitools');
  const templates = join(opts.workDir, 'plantillas.wxs');
  const sql = join(opts.workDir, 'sql.wxs');
  writeFileSync(templates, heatFragment(opts.root, 'mail-templates', 'TEMPLATESDIR', 'CG.templates', 'TemplatesDir'));
  writeFileSync(sql, heatFragment(opts.root, 'sql', 'SQLDIR', 'CG.sql', 'SqlDir'));
  const rel = (p: string): string => relative(opts.root, p);
  execFileSync(
    'wixl',
    [
      '-a', 'x64',
      '-D', `Version=${msiVersion(opts.version)}`,
      // wixl takes sources relative to the working directory (absolute paths fail).
      '-D', `ExeFile=${rel(opts.exe)}`,
      '-D', `NssmFile=${rel(opts.nssm)}`,
      '-D', 'IniFile=cadencia.ejemplo.ini',
      '-D', 'TemplatesDir=mail-templates',
      '-D', 'SqlDir=sql',
      '-D', 'Win64=yes',
      '-o', opts.outMsi,
      join(opts.root, 'installer/cadencia.wxs'), templates, sql,
    ],
    { cwd: opts.root, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  // wixl has no Permanent/NeverOverwrite attributes: set them in the Component table afterwards.
  execFileSync('msibuild', [opts.outMsi, ...COMPONENT_FIXES.flatMap((q) => ['-q', q])], { stdio: ['ignore', 'inherit', 'inherit'] });
  return statSync(opts.outMsi).size;
}
