import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBinaryAbi, moduleRegisterSymbol, registeredAbis } from '../../electron/native/abi-check.mjs';
import { electronSqlitePath } from '../../electron/native/electron-sqlite-path';

/** A stand-in for a .node file: binary noise around the exported symbol names. */
function fakeBinary(...symbols: string[]): Buffer {
  const noise = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0xff, 0]);
  return Buffer.concat([noise, ...symbols.flatMap((symbol) => [Buffer.from(`${symbol}\0`, 'latin1'), noise])]);
}

const electron43 = { expectedAbi: 148, electronVersion: '43.8.12', nodeAbi: 115 };

describe('the ABI check of a better-sqlite3 binary', () => {
  it('accepts a binary built for Electron 43 (ABI 148)', () => {
    expect(checkBinaryAbi(fakeBinary('napi_x', moduleRegisterSymbol(148)), electron43)).toEqual({ ok: true });
  });

  it('rejects a Node 20 build (ABI 115) and explains the nodedir trap', () => {
    const result = checkBinaryAbi(fakeBinary('node_register_module_v115'), electron43);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.found).toEqual([115]);
    expect(result.message).toMatch(/built for ABI 115, but Electron 43\.8\.12 needs ABI 148/);
    expect(result.message).toMatch(/nodedir/);
  });

  it('rejects a build for another Electron without blaming nodedir', () => {
    const result = checkBinaryAbi(fakeBinary('node_register_module_v140'), electron43);
    expect(result).toMatchObject({ ok: false, found: [140] });
    if (!result.ok) expect(result.message).not.toMatch(/nodedir/);
  });

  it('does not take a longer or shorter number for the right one', () => {
    expect(registeredAbis(fakeBinary('node_register_module_v1480', 'node_register_module_v14'))).toEqual([1480, 14]);
    expect(checkBinaryAbi(fakeBinary('node_register_module_v1480'), electron43).ok).toBe(false);
  });

  it('rejects a file that is no addon at all', () => {
    const result = checkBinaryAbi(Buffer.from('<html>404 Not Found</html>'), electron43);
    expect(result).toMatchObject({ ok: false, found: [] });
  });
});

describe('where the Electron build of better-sqlite3 is looked for', () => {
  it('is resources/native when packaged, .cache/electron-sqlite/<version>-<abi> in development', () => {
    expect(
      electronSqlitePath({
        packaged: true,
        resourcesPath: '/opt/Chokepoint/resources',
        projectRoot: '/x',
        electronVersion: '43.8.12',
        abi: '148',
      }),
    ).toBe(resolve('/opt/Chokepoint/resources/native/better_sqlite3.node'));
    expect(
      electronSqlitePath({
        packaged: false,
        resourcesPath: '/r',
        projectRoot: '/work/main',
        electronVersion: '43.8.12',
        abi: '148',
      }),
    ).toBe(resolve('/work/main/.cache/electron-sqlite/electron-43.8.12-abi148/better_sqlite3.node'));
  });
});
