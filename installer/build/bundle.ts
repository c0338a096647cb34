/**
 * service/cli.ts → one CommonJS file for the single executable. knex's
 * optional drivers (and any other optional package that is not installed)
 * stay external: they are only required when their dialect is used, which
 * cadencia never does.
 */
import { createRequire } from 'node:module';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

/** Drivers knex loads lazily for dialects cadencia does not use. */
export const OPTIONAL_DRIVERS = [
  'pg', 'pg-query-stream', 'pg-native', 'mysql', 'mysql2', 'mariadb', 'oracledb', 'sqlite3', 'better-sqlite3',
];

/**
 * Packages a dependency can only need for something cadencia never does, kept
 * out of the bundle: htmlnano (inside MJML) searches its configuration with
 * cosmiconfig, which requires the TypeScript compiler (10 MB of source, a
 * devDependency) only to read a `.htmlnanorc.ts` file. Left in, its source
 * alone would stay in the service's memory.
 */
export const NEVER_LOADED = ['typescript'];

const bareName = (spec: string): string => {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
};

/** Bare imports from node_modules that cannot be resolved are optional dependencies: external, and reported. */
function optionalExternals(root: string, missing: Set<string>): esbuild.Plugin {
  const req = createRequire(join(root, 'package.json'));
  return {
    name: 'optional-externals',
    setup(build) {
      // '#…' are a package's own subpath imports: esbuild resolves them from that package.json.
      build.onResolve({ filter: /^[^./#]/ }, (args) => {
        if (args.path.startsWith('node:')) return undefined;
        const name = bareName(args.path);
        if (OPTIONAL_DRIVERS.includes(name) || NEVER_LOADED.includes(name)) return { path: args.path, external: true };
        if (!args.importer.includes('node_modules')) return undefined;
        try {
          req.resolve(name === args.path ? `${name}/package.json` : args.path, { paths: [args.resolveDir] });
          return undefined;
        } catch {
          try {
            req.resolve(args.path, { paths: [args.resolveDir] });
            return undefined;
          } catch {
            missing.add(name);
            return { path: args.path, external: true };
          }
        }
      });
    },
  };
}

/**
 * pdfkit loads its standard fonts (Helvetica…) lazily with
 * `createRequire(import.meta.url)('#standard-fonts/…')`, a runtime lookup
 * that esbuild cannot see and that fails from the bundle (no pdfkit
 * package.json next to it). Turning those calls into plain `require`s with
 * literal paths lets esbuild resolve them through pdfkit's own `imports` map
 * and embed the font metrics in the bundle. Fails the build if a pdfkit
 * update changes the pattern.
 */
export function pdfkitStandardFonts(): esbuild.Plugin {
  return {
    name: 'pdfkit-standard-fonts',
    setup(build) {
      build.onLoad({ filter: /[\\/]pdfkit[\\/]js[\\/]pdfkit(\.node\.mjs|\.js)$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const pattern = /\brequire\$1\((['"])#standard-fonts\//g;
        if (!pattern.test(source)) {
          return { errors: [{ text: `pdfkit cambió la carga de sus fuentes estándar (${args.path}): revisar installer/build/bundle.ts.` }] };
        }
        return { contents: source.replace(pattern, 'require($1#standard-fonts/'), loader: 'js' };
      });
    },
  };
}

/**
 * Runs before any bundled module: esbuild may place `require("node:sqlite")`
 * ahead of connector/sqlite/quiet-warning, and users must not see Node's
 * "SQLite is experimental" warning (same filter as that module).
 */
const QUIET_SQLITE_WARNING = [
  '(function () {',
  '  var emit = process.emitWarning.bind(process);',
  '  process.emitWarning = function (w, t) {',
  '    var text = typeof w === "string" ? w : w && w.message;',
  '    var type = typeof t === "string" ? t : t && t.type;',
  '    if (type === "ExperimentalWarning" && /SQLite/i.test(String(text))) return;',
  '    return emit.apply(null, arguments);',
  '  };',
  '})();',
].join('\n');

/**
 * esbuild escapes every non-ASCII character of strings, regular expressions
 * and identifiers, but keeps comments as written, and a few dependencies'
 * comments hold characters beyond Latin-1 (—, ’, λ…). One such character makes
 * V8 keep the whole source (tens of MB) as a two-byte string, twice the memory
 * of the same text in Latin-1 for as long as the process lives. Only comments
 * can hold them, so they become '?' there.
 */
async function latin1Only(file: string): Promise<void> {
  const source = await readFile(file, 'utf8');
  // eslint-disable-next-line no-control-regex
  const wide = /[^\u0000-\u00ff]/g;
  if (wide.test(source)) await writeFile(file, source.replace(wide, '?'));
}

export interface BundleResult {
  file: string;
  bytes: number;
  externals: string[];
}

/** Bundles `entry` (by default the CLI) into one CommonJS file. */
export async function bundleCli(root: string, outFile: string, entry = 'service/cli.ts'): Promise<BundleResult> {
  const missing = new Set<string>();
  const result = await esbuild.build({
    entryPoints: [join(root, entry)],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    minifyWhitespace: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'error',
    plugins: [optionalExternals(root, missing), pdfkitStandardFonts()],
    // ESM code reads import.meta.url; in the CommonJS bundle it is the bundle's (or the exe's) own URL.
    define: { 'import.meta.url': '__cadenciaModuleUrl' },
    banner: { js: `var __cadenciaModuleUrl = require("node:url").pathToFileURL(__filename).href;\n${QUIET_SQLITE_WARNING}` },
  });
  await latin1Only(outFile);
  const out = Object.values(result.metafile.outputs)[0];
  return { file: outFile, bytes: out?.bytes ?? 0, externals: [...missing].sort() };
}
