/**
 * The variables each mail template may use, declared once. Loading the
 * templates checks every {{…}} against these shapes, so a misspelt variable
 * ({{cliente.razonSocial}}) stops the service at start instead of printing
 * empty in a customer's mail. views.ts and render.ts build the values; a test
 * keeps both sides equal (test/mail/template-vars.test.ts).
 *
 * Adding a variable is one line in the shape it belongs to:
 *   VALUE  a value printed as is (text, number, yes/no);
 *   FREE   an object or list whose inside is not checked;
 *   { … }  an object with these keys;  [ { … } ]  a list of such objects.
 */

export const VALUE = 'valor';
export const FREE = 'libre';

export type VarShape = typeof VALUE | typeof FREE | VarObject | readonly [VarShape];
export interface VarObject {
  readonly [name: string]: VarShape;
}

const COMPANY: VarObject = {
  nombre: VALUE,
  telefono: VALUE,
  email: VALUE,
  instruccionesPago: VALUE,
  linkPago: VALUE,
};

const CUSTOMER: VarObject = {
  codigo: VALUE,
  nombre: VALUE,
  email: VALUE,
  telefono: VALUE,
  celular: VALUE,
};

const INSTALLMENT: VarObject = {
  comprobante: VALUE,
  vencimiento: VALUE,
  pendiente: VALUE,
  diasAtraso: VALUE,
  diasParaVencer: VALUE,
  venceEn: VALUE,
  vencido: VALUE,
};

const ATTEMPT: VarObject = {
  fecha: VALUE,
  paso: VALUE,
  resultado: VALUE,
};

const BROKEN_PROMISE: VarObject = {
  fecha: VALUE,
  importe: VALUE,
};

/** Claimed-amount breakdown and pause state (filled by the digest and messages). */
const CLAIM: VarObject = {
  saldoVencido: FREE,
  totalComprobantes: FREE,
  dineroEnviado: FREE,
  pasos: FREE,
  enPausa: FREE,
};

/** mensajes/<plantilla>/<canal>.txt */
export const MESSAGE_VARS: VarObject = {
  hoy: VALUE,
  empresa: COMPANY,
  cliente: CUSTOMER,
  comprobantes: [INSTALLMENT],
  cantidadComprobantes: VALUE,
  variosComprobantes: VALUE,
  total: VALUE,
  diasAtraso: VALUE,
  primerVencimiento: VALUE,
  proximoVencimiento: VALUE,
  paso: VALUE,
  vendedor: VALUE,
  firma: VALUE,
  intentosPrevios: [ATTEMPT],
  tieneIntentos: VALUE,
  cantidadIntentos: VALUE,
  ultimoContacto: ATTEMPT,
  promesaIncumplida: BROKEN_PROMISE,
  ...CLAIM,
};

/** One customer of the digest or the escalation notice. */
const ITEM: VarObject = {
  orden: VALUE,
  cliente: CUSTOMER,
  nivel: VALUE,
  nivelColor: VALUE,
  paso: VALUE,
  etapa: VALUE,
  diasAtraso: VALUE,
  total: VALUE,
  vendedor: VALUE,
  comprobantes: [INSTALLMENT],
  intentosPrevios: [ATTEMPT],
  tieneIntentos: VALUE,
  promesaIncumplida: BROKEN_PROMISE,
  tareaId: VALUE,
  canalesResumen: VALUE,
  comandoRegistrar: VALUE,
  ...CLAIM,
};

const CHANNEL: VarObject = {
  canal: VALUE,
  nombre: VALUE,
  destino: VALUE,
  asunto: VALUE,
  texto: VALUE,
  waLink: VALUE,
  esEmail: VALUE,
  esWhatsapp: VALUE,
  esTelefono: VALUE,
  esCarta: VALUE,
  sinCelular: VALUE,
  sinEmail: VALUE,
};

/** resumen.mjml / resumen.txt */
export const DIGEST_VARS: VarObject = {
  hayMas: VALUE,
  cantidadMas: VALUE,
  totalMas: VALUE,
  vistaTareas: VALUE,
  hoy: VALUE,
  empresa: COMPANY,
  responsable: { nombre: VALUE, email: VALUE, rol: VALUE },
  clientes: [{ ...ITEM, canales: [CHANNEL], web: { cliente: VALUE, resultado: VALUE, botones: [{ nombre: VALUE, url: VALUE }] } }],
  hayClientes: VALUE,
  cantidadClientes: VALUE,
  totalVencido: VALUE,
  tablaContactos: VALUE,
  resultados: VALUE,
  /** Customers of this person the cycle reminded by e-mail itself today (automatic steps). */
  automaticos: [{ codigo: VALUE, nombre: VALUE, paso: VALUE, para: VALUE }],
  hayAutomaticos: VALUE,
  /** The worklist (null when it is not served): its address, Hoy, and the digest's one-time sign-in link (or null). */
  web: { url: VALUE, hoy: VALUE, ingreso: VALUE, horasIngreso: VALUE },
};

/** escalamiento-supervisor.mjml / .txt */
export const ESCALATION_VARS: VarObject = {
  hayMas: VALUE,
  cantidadMas: VALUE,
  totalMas: VALUE,
  vistaAlertas: VALUE,
  hoy: VALUE,
  empresa: COMPANY,
  supervisor: { nombre: VALUE, email: VALUE },
  clientes: [ITEM],
  cantidadClientes: VALUE,
  unCliente: VALUE,
  totalVencido: VALUE,
};

/** prueba.mjml / .txt */
export const TEST_MAIL_VARS: VarObject = {
  empresa: COMPANY,
  destinatario: { nombre: VALUE, email: VALUE },
  fechaHora: VALUE,
  servidor: VALUE,
};

/** The .mjml of a mail also sees the subject taken from its .txt. */
export function withSubject(vars: VarObject): VarObject {
  return { ...vars, asunto: VALUE };
}
