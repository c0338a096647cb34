/**
 * Renders the weekly report (mail-templates/informe-semanal.mjml + .txt) with
 * Handlebars and MJML, and puts the PNG charts into the HTML as data: URIs, so
 * the HTML is self-contained: it is the HTML report file as is, it fits the
 * outbox (HTML + text only), and the transport turns each data: image into an
 * inline CID attachment when it sends (Outlook and Gmail show those).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { mjmlToHtml, splitSubject } from '../mail/render';
import { defaultTemplatesFolder } from '../mail/templates';
import { TemplateError } from '../mail/template-error';
import type { RenderedMail } from '../mail/types';
import { pngDataUri } from './png-chart';
import type { ReportView } from './report-view';

const NAME = 'informe-semanal';

function templateFile(folder: string | undefined, ext: 'mjml' | 'txt'): string {
  const own = folder ? join(folder, `${NAME}.${ext}`) : null;
  // A company folder copied before this template existed falls back to the shipped one.
  return own && existsSync(own) ? own : join(defaultTemplatesFolder(), `${NAME}.${ext}`);
}

function compile(file: string, noEscape: boolean): HandlebarsTemplateDelegate {
  const source = readFileSync(file, 'utf8');
  if (!noEscape && /\{\{\{|\{\{&/.test(source)) {
    throw new TemplateError(file, 'No se permite {{{…}}} ni {{&…}}; los datos deben ir escapados ({{…}}).');
  }
  try {
    return Handlebars.create().compile(source, { noEscape, knownHelpersOnly: true, strict: false });
  } catch (e) {
    throw new TemplateError(file, `Error de Handlebars: ${(e as Error).message}`);
  }
}

/** Replaces `cid:<name>` image sources with the chart's data: URI. */
export function embedImages(html: string, images: ReportView['images']): string {
  let out = html;
  for (const img of images) out = out.split(`"cid:${img.cid}"`).join(`"${pngDataUri(img.png)}"`);
  return out;
}

export async function renderReport(rv: ReportView, templatesFolder?: string): Promise<RenderedMail> {
  const txtFile = templateFile(templatesFolder, 'txt');
  const mjmlFile = templateFile(templatesFolder, 'mjml');
  const { subject, body } = splitSubject(compile(txtFile, true)(rv.view), txtFile);
  const html = await mjmlToHtml(compile(mjmlFile, false)({ ...rv.view, asunto: subject }), mjmlFile, 'soft');
  const text = `${body.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
  return { subject, html: embedImages(html, rv.images), text };
}
