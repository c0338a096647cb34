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

export const spanishHelp: HelpConfiguration = {
  styleTitle: (title: string) => TITLES[title] ?? title,
  styleUsage: (usage: string) => usage.replace('[options]', '[opciones]').replace('[command]', '[comando]'),
  styleOptionDescription: (text: string) =>
    text.replace(/\(default: ([^)]*)\)/, '(por defecto: $1)').replace(/\(choices: ([^)]*)\)/, '(valores: $1)'),
  styleArgumentDescription: (text: string) => text.replace(/\(default: ([^)]*)\)/, '(por defecto: $1)'),
};

/** Applies the Spanish help and error texts to a command and, through inheritance, its subcommands. */
export function inSpanish(program: Command): Command {
  return program
    .configureHelp(spanishHelp)
    .configureOutput({ outputError: (text, write) => write(translateCommanderText(text)) });
}
