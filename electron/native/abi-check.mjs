/**
 * Tells which runtime a better-sqlite3 binary was built for. A V8 addon exports
 * `node_register_module_v<ABI>`; Electron 43 loads only ABI 148, Node 20 only 115. Checking the
 * symbol catches the trap where `nodedir=/usr` in ~/.npmrc makes an "Electron" rebuild silently
 * produce a Node binary. Plain ESM so the launcher script (plain Node) and the tests share it.
 */

const symbolPattern = /node_register_module_v(\d+)/g;

/** @param {number | string} abi */
export function moduleRegisterSymbol(abi) {
  return `node_register_module_v${abi}`;
}

/**
 * The ABIs whose registration symbol appears in the binary, in the order found, each once.
 * @param {Uint8Array} binary
 * @returns {number[]}
 */
export function registeredAbis(binary) {
  const text = Buffer.from(binary.buffer, binary.byteOffset, binary.byteLength).toString('latin1');
  const found = new Set();
  for (const match of text.matchAll(symbolPattern)) found.add(Number(match[1]));
  return [...found];
}

/**
 * @param {Uint8Array} binary
 * @param {{ expectedAbi: number | string, electronVersion: string, nodeAbi?: number | string }} target
 * @returns {{ ok: true } | { ok: false, found: number[], message: string }}
 */
export function checkBinaryAbi(binary, target) {
  const expected = Number(target.expectedAbi);
  const nodeAbi = Number(target.nodeAbi ?? process.versions.modules);
  const found = registeredAbis(binary);
  if (found.includes(expected)) return { ok: true };
  if (found.length === 0) {
    return { ok: false, found, message: `not a Node/Electron V8 addon: no ${moduleRegisterSymbol('<ABI>')} symbol in it` };
  }
  const builtFor = found.map((abi) => `ABI ${abi}`).join(', ');
  const trap = found.includes(nodeAbi)
    ? ` That is this Node's ABI: the build used Node's headers instead of Electron's, which is what happens when` +
      ` nodedir is set (e.g. nodedir=/usr in ~/.npmrc, seen by npm scripts as npm_config_nodedir).` +
      ` Remove that setting for the build, or give Electron ${target.electronVersion} headers via CHOKEPOINT_ELECTRON_HEADERS.`
    : '';
  return {
    ok: false,
    found,
    message: `built for ${builtFor}, but Electron ${target.electronVersion} needs ABI ${expected}.${trap}`,
  };
}
