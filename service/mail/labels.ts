/** Spanish labels for the domain's codes, as staff read them in mails. */
import type { AssigneeRole, Channel, Stage, Tier } from '../../rules/types';

export const CHANNEL_LABEL: Record<Channel, string> = {
  email: 'Correo electrónico',
  whatsapp: 'WhatsApp',
  telefono: 'Teléfono',
  carta: 'Carta',
};

export const STAGE_LABEL: Record<Stage, string> = {
  preventiva: 'preventiva',
  administrativa: 'administrativa',
  extrajudicial: 'extrajudicial',
};

export const ROLE_LABEL: Record<AssigneeRole, string> = {
  vendedor: 'vendedor',
  cobrador: 'cobrador',
  supervisor: 'supervisor',
};

/** ContactOutcome codes as words; unknown codes are shown as they are. */
export const OUTCOME_LABEL: Record<string, string> = {
  contactado: 'contactado',
  promesa: 'promesa de pago',
  disputa: 'disputa',
  contacto_erroneo: 'datos de contacto erróneos',
  sin_respuesta: 'sin respuesta',
  dice_que_pago: 'dice que pagó',
  nota: 'nota',
};

/** Why a task was closed (COB_TAREA.MOTIVO_CIERRE); unknown codes are shown as they are. */
export const CLOSE_REASON_LABEL: Record<string, string> = {
  pagada: 'se pagó lo adeudado',
  reemplazada: 'la reemplazó el paso siguiente',
  suspendida: 'gestión suspendida',
  cliente_al_dia: 'el cliente está al día',
};

/** Accent colour per tier: C red, B amber, A green. */
export const TIER_COLOR: Record<Tier, string> = { A: '#15803d', B: '#b45309', C: '#b91c1c' };

/** Priority order in the digest: C first. */
export const TIER_RANK: Record<Tier, number> = { C: 0, B: 1, A: 2 };
