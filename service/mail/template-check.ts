/**
 * Checks every variable a template uses against its declared shape
 * (template-vars.ts), following the context {{#each}} and {{#with}} open,
 * so an unknown or misspelt variable fails when templates load.
 */
import { FREE, VALUE, type VarObject, type VarShape } from './template-vars';

/** Block helpers that keep the context ({{#if}}, {{#unless}}) or change it ({{#each}}, {{#with}}). */
const SAME_CONTEXT = new Set(['if', 'unless']);

interface Node {
  type: string;
  loc?: { start: { line: number } };
  [key: string]: unknown;
}

interface PathNode extends Node {
  data: boolean;
  depth: number;
  parts: string[];
  original: string;
}

export interface UnknownVariable {
  /** As written in the template, e.g. 'cliente.razonSocial'. */
  variable: string;
  line: number | null;
  /** Why, in Spanish: which part is unknown and what there is instead. */
  detail: string;
}

function names(shape: VarObject): string {
  return Object.keys(shape).join(', ');
}

/** Follows `parts` from `shape`; null when they exist, else the reason. */
function follow(shape: VarShape, parts: readonly string[], prefix: string): string | null {
  let current: VarShape = shape;
  let where = prefix;
  for (const part of parts) {
    if (current === FREE) return null;
    if (Array.isArray(current)) {
      if (part === 'length') return null;
      return `«${where}» es una lista: se recorre con {{#each ${where}}}`;
    }
    if (current === VALUE) return `«${where}» es un valor, no tiene «${part}»`;
    const object = current as VarObject;
    const next = Object.prototype.hasOwnProperty.call(object, part) ? object[part] : undefined;
    if (next === undefined) {
      return where === ''
        ? `«${part}» no es una variable de esta plantilla (hay: ${names(object)})`
        : `«${part}» no es una variable de «${where}» (hay: ${names(object)})`;
    }
    current = next;
    where = where === '' ? part : `${where}.${part}`;
  }
  return null;
}

/** The shape a path leads to (for {{#each}} / {{#with}}), FREE when unknown. */
function shapeAt(shape: VarShape, parts: readonly string[]): VarShape {
  let current: VarShape = shape;
  for (const part of parts) {
    if (current === FREE || current === VALUE || Array.isArray(current)) return FREE;
    const next: VarShape | undefined = (current as VarObject)[part];
    if (next === undefined) return FREE;
    current = next;
  }
  return current;
}

/**
 * Every unknown variable in the parsed template, in order of appearance.
 * `helpers` are the helper names the template may call.
 */
export function unknownVariables(ast: unknown, root: VarObject, helpers: ReadonlySet<string>): UnknownVariable[] {
  const found: UnknownVariable[] = [];
  // Context stack: the innermost is last; ../ climbs one.
  const stack: { shape: VarShape; label: string }[] = [{ shape: root, label: '' }];

  const checkPath = (p: PathNode): void => {
    if (p.data) {
      // @index, @first, @last, @key; @root.x is checked against the root.
      if (p.parts[0] === 'root') {
        const why = follow(root, p.parts.slice(1), '');
        if (why) found.push({ variable: p.original, line: p.loc?.start.line ?? null, detail: why });
      }
      return;
    }
    const frame = stack[stack.length - 1 - p.depth];
    if (!frame) {
      found.push({ variable: p.original, line: p.loc?.start.line ?? null, detail: 'sube más niveles (../) de los que hay' });
      return;
    }
    const why = follow(frame.shape, p.parts, frame.label);
    if (why) found.push({ variable: p.original, line: p.loc?.start.line ?? null, detail: why });
  };

  const shapeOf = (p: Node | undefined): { shape: VarShape; label: string } => {
    if (!p || p.type !== 'PathExpression') return { shape: FREE, label: '' };
    const path = p as PathNode;
    if (path.data) return { shape: FREE, label: path.original };
    const frame = stack[stack.length - 1 - path.depth];
    if (!frame) return { shape: FREE, label: path.original };
    const label = frame.label === '' ? path.parts.join('.') : [frame.label, ...path.parts].join('.');
    return { shape: shapeAt(frame.shape, path.parts), label };
  };

  const expression = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    const node = n as Node;
    if (node.type === 'PathExpression') checkPath(node as PathNode);
    else if (node.type === 'SubExpression') call(node);
  };

  /** A mustache or subexpression: a helper call checks its arguments; a bare path is a variable. */
  const call = (node: Node): void => {
    const path = node.path as PathNode;
    const params = (node.params as Node[] | undefined) ?? [];
    const hash = node.hash as { pairs?: { value: Node }[] } | undefined;
    const isHelper = path.type === 'PathExpression' && !path.data && path.depth === 0 && path.parts.length === 1
      && helpers.has(path.parts[0] as string);
    if (!isHelper) expression(path);
    params.forEach(expression);
    hash?.pairs?.forEach((pair) => expression(pair.value));
  };

  const program = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    for (const statement of ((n as Node).body as Node[] | undefined) ?? []) visit(statement);
  };

  const visit = (node: Node): void => {
    switch (node.type) {
      case 'MustacheStatement':
        call(node);
        return;
      case 'BlockStatement': {
        const path = node.path as PathNode;
        const params = (node.params as Node[] | undefined) ?? [];
        const name = path.parts.length === 1 ? path.parts[0] ?? '' : '';
        params.forEach(expression);
        const inner = node.program as Node | undefined;
        if (name === 'each' || name === 'with') {
          const target = shapeOf(params[0]);
          const element = name === 'each' ? (Array.isArray(target.shape) ? (target.shape as readonly [VarShape])[0] : FREE) : target.shape;
          const blockParams = (inner?.blockParams as string[] | undefined) ?? [];
          const context = blockParams.length > 0 ? FREE : element;
          stack.push({ shape: context, label: name === 'each' ? `${target.label}[]` : target.label });
          program(inner);
          stack.pop();
        } else if (SAME_CONTEXT.has(name)) {
          program(inner);
        } else {
          // Any other block: its arguments are checked, its inside is not assumed.
          stack.push({ shape: FREE, label: '' });
          program(inner);
          stack.pop();
        }
        program(node.inverse);
        return;
      }
      default:
        return; // text, comments
    }
  };

  program(ast);
  return found;
}
