/**
 * `${NOMBRE}` in any INI value is replaced by that environment variable, so
 * passwords and tokens need not be written in the file.
 */

const REFERENCE = /\$\{([^}]*)\}/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export type Substitution = { ok: true; value: string } | { ok: false; message: string };

export function substituteEnv(value: string, env: NodeJS.ProcessEnv): Substitution {
  for (const m of value.matchAll(REFERENCE)) {
    const name = m[1] ?? '';
    if (!NAME.test(name)) {
      return { ok: false, message: `referencia a variable de entorno mal escrita «\${${name}}»: use \${NOMBRE_VARIABLE} (letras, números y _)` };
    }
    if (env[name] === undefined) {
      return { ok: false, message: `la variable de entorno ${name} no está definida` };
    }
  }
  if (/\$\{(?![^}]*\})/.test(value)) {
    return { ok: false, message: 'referencia a variable de entorno sin cerrar: falta «}» en ${NOMBRE_VARIABLE}' };
  }
  return { ok: true, value: value.replace(REFERENCE, (_, name: string) => env[name] ?? '') };
}
