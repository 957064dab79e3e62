export declare function moduleRegisterSymbol(abi: number | string): string;
export declare function registeredAbis(binary: Uint8Array): number[];
export declare function checkBinaryAbi(
  binary: Uint8Array,
  target: { expectedAbi: number | string; electronVersion: string; nodeAbi?: number | string },
): { ok: true } | { ok: false; found: number[]; message: string };
