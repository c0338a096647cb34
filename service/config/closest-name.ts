/**
 * "Did you mean…?" for misspelt section names, keys and values: the closest
 * candidate by edit distance, if it is close enough to be a plausible typo.
 */

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** Lower-case, without accents, spaces as '_': how people mistype keys. */
function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[\s-]+/g, '_');
}

export function closestName(input: string, candidates: readonly string[]): string | null {
  const folded = fold(input);
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(folded, fold(c));
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  // Up to a third of the word may be wrong (at least 2 edits), never the whole of it.
  const allowed = Math.max(2, Math.floor(folded.length / 3));
  return best !== null && bestDistance <= allowed ? best : null;
}

/** ' (¿quiso decir «x»?)' or '' when nothing is close. */
export function suggestion(input: string, candidates: readonly string[]): string {
  const c = closestName(input, candidates);
  return c === null ? '' : ` (¿quiso decir «${c}»?)`;
}
