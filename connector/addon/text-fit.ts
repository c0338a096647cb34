/** Cuts text to a column's size (in characters), marking the cut with an ellipsis. */
export function fitText(value: string, max: number): string {
  if (value.length <= max) return value;
  return `${value.slice(0, Math.max(0, max - 1))}…`;
}

/** Like fitText but keeps null as null. */
export function fitNullable(value: string | null | undefined, max: number): string | null {
  return value === null || value === undefined ? null : fitText(value, max);
}
