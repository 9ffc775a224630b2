/** tools/generate-client.cjs: the typed client's generated module from an OpenAPI document. */
export declare const DOCUMENT: string;
export declare const GENERATED: string;
export declare function generate(document?: string): string;
