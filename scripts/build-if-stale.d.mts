// Types for build-if-stale.mjs, which runs as plain Node before anything is built.
export declare const ROOT: string;
export declare const BUILD_INPUTS: string[];
export declare const BUNDLE: string;
export declare function newestMtime(path: string): number;
export declare function isStale(outputs: string[], root?: string): boolean;
