export declare const STRIPPED_FOR_ELECTRON: readonly string[]
export declare function electronEnv(
  env: Record<string, string | undefined>
): Record<string, string | undefined>
