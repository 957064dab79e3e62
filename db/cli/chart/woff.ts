import { inflateSync } from 'node:zlib';

/**
 * Unpacks a WOFF 1.0 font into the TrueType/OpenType bytes it wraps. The PNG renderer of the
 * command line reads only plain sfnt fonts, while the app ships IBM Plex Sans as WOFF: each table is
 * zlib-compressed on its own (or stored as is), so unpacking is copying tables into a fresh sfnt
 * directory. See the WOFF 1.0 specification, sections 3–5.
 */
/** The OpenType table checksum: the sum of the table's big-endian 32-bit words, zero-padded. */
function checksum(table: Uint8Array): number {
  let sum = 0;
  for (let index = 0; index < table.byteLength; index += 4) {
    const word =
      ((table[index] ?? 0) << 24) | ((table[index + 1] ?? 0) << 16) | ((table[index + 2] ?? 0) << 8) | (table[index + 3] ?? 0);
    sum = (sum + (word >>> 0)) >>> 0;
  }
  return sum;
}

export function woffToSfnt(woff: Uint8Array, rewrite?: (tag: string, table: Uint8Array) => Uint8Array): Uint8Array {
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (view.getUint32(0) !== 0x774f4646) throw new Error('not a WOFF 1.0 font (the file does not start with "wOFF")');
  const flavor = view.getUint32(4);
  const numTables = view.getUint16(12);

  const tables = Array.from({ length: numTables }, (_, index) => {
    const entry = 44 + index * 20;
    const offset = view.getUint32(entry + 4);
    const compressedLength = view.getUint32(entry + 8);
    const length = view.getUint32(entry + 12);
    const stored = woff.subarray(offset, offset + compressedLength);
    const data = compressedLength < length ? new Uint8Array(inflateSync(stored)) : stored;
    if (data.byteLength !== length) throw new Error('a table of the WOFF font does not unpack to its stated length');
    const tag = String.fromCharCode(...woff.subarray(entry, entry + 4));
    return { tag: view.getUint32(entry), data: rewrite ? rewrite(tag, data) : data };
  });

  const directoryLength = 12 + numTables * 16;
  const padded = (n: number) => (n + 3) & ~3;
  const sfnt = new Uint8Array(directoryLength + tables.reduce((total, table) => total + padded(table.data.byteLength), 0));
  const out = new DataView(sfnt.buffer);
  // The binary-search fields of the offset table, as the OpenType specification defines them.
  const power = 2 ** Math.floor(Math.log2(numTables));
  out.setUint32(0, flavor);
  out.setUint16(4, numTables);
  out.setUint16(6, power * 16);
  out.setUint16(8, Math.log2(power));
  out.setUint16(10, numTables * 16 - power * 16);
  let offset = directoryLength;
  tables.forEach((table, index) => {
    const entry = 12 + index * 16;
    out.setUint32(entry, table.tag);
    out.setUint32(entry + 4, checksum(table.data));
    out.setUint32(entry + 8, offset);
    out.setUint32(entry + 12, table.data.byteLength);
    sfnt.set(table.data, offset);
    offset += padded(table.data.byteLength);
  });
  return sfnt;
}
