/**
 * INI bytes → text, the way Windows editors save them: UTF-8 (with or without
 * a byte-order mark), UTF-16 (Notepad's «Unicode», with its byte-order mark, or
 * without one when every other byte is zero) and, when the bytes are not valid
 * UTF-8, Windows-1252 (Notepad's «ANSI» on a Spanish Windows).
 */

export type IniEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Share of zero bytes at odd (LE) or even (BE) positions that marks UTF-16 text without a BOM. */
function utf16WithoutBom(bytes: Uint8Array): IniEncoding | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let oddZeros = 0;
  let evenZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.6 && evenZeros === 0) return 'utf-16le';
  if (evenZeros > pairs * 0.6 && oddZeros === 0) return 'utf-16be';
  return null;
}

export function detectIniEncoding(bytes: Uint8Array): IniEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const wide = utf16WithoutBom(bytes);
  if (wide) return wide;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** The text of an INI file in any of the encodings above (a byte-order mark is dropped). */
export function decodeIniBytes(bytes: Uint8Array): { text: string; encoding: IniEncoding } {
  const encoding = detectIniEncoding(bytes);
  // TextDecoder drops the byte-order mark of its own encoding.
  return { text: new TextDecoder(encoding).decode(bytes), encoding };
}
