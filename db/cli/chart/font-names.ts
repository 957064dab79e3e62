/**
 * The Latin subsets the app ships name each weight as its own family ("IBM Plex Sans SemiBold",
 * weight 600) and leave out the typographic family name. A browser never notices, because the
 * @font-face rules say which weight each file is; resvg matches fonts by family name, so a chart's
 * semibold title would fall back to regular. Renaming the family of every weight to one name lets
 * resvg choose by weight, as the browser does.
 */
const familyNameId = 1;

function encode(text: string, platformId: number): Uint8Array {
  // Windows (3) and Unicode (0) names are UTF-16BE; Macintosh (1) names are single-byte Roman.
  if (platformId === 1) return Uint8Array.from(text, (char) => char.charCodeAt(0));
  const bytes = new Uint8Array(text.length * 2);
  const view = new DataView(bytes.buffer);
  for (let index = 0; index < text.length; index++) view.setUint16(index * 2, text.charCodeAt(index));
  return bytes;
}

/** A new 'name' table (format 0) in which every family-name record reads `family`. */
export function withFamilyName(nameTable: Uint8Array, family: string): Uint8Array {
  const view = new DataView(nameTable.buffer, nameTable.byteOffset, nameTable.byteLength);
  const count = view.getUint16(2);
  const storage = view.getUint16(4);
  const records = Array.from({ length: count }, (_, index) => {
    const at = 6 + index * 12;
    const platformId = view.getUint16(at);
    const nameId = view.getUint16(at + 6);
    const start = storage + view.getUint16(at + 10);
    const text = nameId === familyNameId ? encode(family, platformId) : nameTable.subarray(start, start + view.getUint16(at + 8));
    return { header: nameTable.subarray(at, at + 6), platformId, nameId, text };
  });
  const newStorage = 6 + count * 12;
  const table = new Uint8Array(newStorage + records.reduce((total, record) => total + record.text.byteLength, 0));
  const out = new DataView(table.buffer);
  out.setUint16(0, 0);
  out.setUint16(2, count);
  out.setUint16(4, newStorage);
  let offset = 0;
  records.forEach((record, index) => {
    const at = 6 + index * 12;
    table.set(record.header, at);
    out.setUint16(at + 6, record.nameId);
    out.setUint16(at + 8, record.text.byteLength);
    out.setUint16(at + 10, offset);
    table.set(record.text, newStorage + offset);
    offset += record.text.byteLength;
  });
  return table;
}
