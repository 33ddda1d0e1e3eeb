export declare function findElectronBinary(
  root: string
): { ok: true; binary: string } | { ok: false; reason: string }
