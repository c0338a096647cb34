/** Plain text → HTML that looks the same: escaped, line breaks and indentation kept, "$ 1.234,56" never split. */
import Handlebars from 'handlebars';

export function textToHtml(text: string): string {
  return Handlebars.escapeExpression(text)
    .replace(/\$ (?=[\d-])/g, () => '$&nbsp;')
    .split(/\r?\n/)
    .map((line) => line.replace(/^ +/, (spaces) => '&nbsp;'.repeat(spaces.length)))
    .join('<br>\n');
}
