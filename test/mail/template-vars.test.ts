import { beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE_TEMPLATES } from '../../rules/types';
import { digestView, escalationView, testView } from '../../service/mail/render';
import { sampleDigestInput, sampleEscalationInput, sampleMessageVars, sampleTestMailInput } from '../../service/mail/sample';
import { DIGEST_VARS, ESCALATION_VARS, FREE, MESSAGE_VARS, TEST_MAIL_VARS, VALUE, type VarObject, type VarShape } from '../../service/mail/template-vars';
import { loadTemplates, type Templates } from '../../service/mail/templates';
import { messageView } from '../../service/mail/views';

/** Paths present in the view but not declared, and declared (not FREE) but absent from the view. */
function compare(shape: VarShape, value: unknown, at: string, out: { undeclared: string[]; missing: string[] }): void {
  if (shape === FREE || value === null || value === undefined) return;
  if (shape === VALUE) {
    if (typeof value === 'object') out.undeclared.push(`${at} (objeto declarado como valor)`);
    return;
  }
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) {
      out.undeclared.push(`${at} (no es lista)`);
      return;
    }
    for (const element of value) compare((shape as readonly [VarShape])[0], element, `${at}[]`, out);
    return;
  }
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) if (!(key in (shape as VarObject))) out.undeclared.push(`${at}.${key}`);
  for (const [key, inner] of Object.entries(shape as VarObject)) {
    if (!(key in object)) {
      if (inner !== FREE) out.missing.push(`${at}.${key}`);
      continue;
    }
    compare(inner, object[key], `${at}.${key}`, out);
  }
}

function differences(shape: VarObject, view: object) {
  const out = { undeclared: [] as string[], missing: [] as string[] };
  compare(shape, view, '', out);
  return out;
}

let t: Templates;
beforeAll(async () => {
  t = await loadTemplates();
});

describe('the declared template variables', () => {
  it('are exactly what each view gives the templates (FREE ones may be added later)', () => {
    for (const template of MESSAGE_TEMPLATES) {
      expect(differences(MESSAGE_VARS, messageView(sampleMessageVars(template)))).toEqual({ undeclared: [], missing: [] });
    }
    expect(differences(DIGEST_VARS, digestView(t, sampleDigestInput()))).toEqual({ undeclared: [], missing: [] });
    expect(differences(ESCALATION_VARS, escalationView(sampleEscalationInput()))).toEqual({ undeclared: [], missing: [] });
    expect(differences(TEST_MAIL_VARS, testView(sampleTestMailInput()))).toEqual({ undeclared: [], missing: [] });
  });

  it('include the claim breakdown names for messages and digest entries', () => {
    const item = (DIGEST_VARS.clientes as readonly [VarObject])[0];
    for (const name of ['saldoVencido', 'totalComprobantes', 'dineroEnviado', 'pasos', 'enPausa']) {
      expect(MESSAGE_VARS[name]).toBeDefined();
      expect(item[name]).toBeDefined();
    }
  });
});
