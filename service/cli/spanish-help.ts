/**
 * commander writes its help headings and parse errors in English; staff and
 * installers read Spanish. These hooks translate the fixed texts commander
 * uses (help titles, default values, and its error messages) and leave
 * everything else — our own descriptions — as it is.
 */
import type { Command, HelpConfiguration } from 'commander';

const TITLES: Record<string, string> = {
  'Usage:': 'Uso:',
  'Options:': 'Opciones:',
  'Commands:': 'Comandos:',
  'Arguments:': 'Argumentos:',
  'Global Options:': 'Opciones globales:',
};

/** Parse errors, in the order they are tried: English pattern → Spanish text. */
const ERRORS: [RegExp, string][] = [
  [/^error: unknown option '([^']+)'/, 'error: opción desconocida «$1»'],
  [/^error: unknown command '([^']+)'/, 'error: comando desconocido «$1»'],
  [/^error: missing required argument '([^']+)'/, 'error: falta el argumento «$1»'],
  [/^error: option '([^']+)' argument missing/, 'error: a la opción «$1» le falta el valor'],
  [/^error: required option '([^']+)' not specified/, 'error: falta la opción obligatoria «$1»'],
  [/^error: too many arguments.*/, 'error: sobran argumentos'],
  [/\(Did you mean ([^)]+)\?\)/, '(¿quiso decir $1?)'],
];

export function translateCommanderText(text: string): string {
  let out = text;
  for (const [pattern, spanish] of ERRORS) out = out.replace(pattern, spanish);
  return out;
}

/** commander's placeholders in usage lines and in the list of commands. */
function spanishTerms(text: string): string {
  return text.replaceAll('[options]', '[opciones]').replaceAll('[command]', '[comando]');
}

/**
 * Exit codes, the same for every command: 0 ok, 1 the work failed, 2 the
 * command (or the INI) was written wrong. commander's parse errors exit 1 on
 * their own; they are usage errors, so 2.
 */
export const EXIT_CODES_HELP =
  '\nCódigos de salida:\n  0  todo en orden\n  1  el comando no pudo completar su trabajo (base de datos, correo, un control de «verificar»)\n' +
  '  2  error de uso: comando, opción o valor mal escrito, o un INI inválido';

export const spanishHelp: HelpConfiguration = {
  styleTitle: (title: string) => TITLES[title] ?? title,
  styleUsage: (usage: string) => spanishTerms(usage),
  styleSubcommandTerm: (term: string) => spanishTerms(term),
  styleOptionDescription: (text: string) =>
    text.replace(/\(default: ([^)]*)\)/, '(por defecto: $1)').replace(/\(choices: ([^)]*)\)/, '(valores: $1)'),
  styleArgumentDescription: (text: string) => text.replace(/\(default: ([^)]*)\)/, '(por defecto: $1)'),
};

/** Applies the Spanish help and error texts to a command and, through inheritance, its subcommands. */
export function inSpanish(program: Command): Command {
  return program
    .configureHelp(spanishHelp)
    .configureOutput({ outputError: (text, write) => write(translateCommanderText(text)) })
    .exitOverride((err) => {
      process.exit(err.exitCode === 0 ? 0 : 2);
    });
}
