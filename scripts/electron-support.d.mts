export declare const SUPPORTED_LINES: number
export declare const LAST_KNOWN_LATEST_MAJOR: number
export declare function majorOf(versionOrRange: unknown): number | undefined
export declare function supportedMajors(latest: number): number[]
export declare function judge(input: {
  pinned: number | undefined
  installed: number | undefined
  latest: number
  source: string
}): { ok: boolean; message: string }
