/** See conformance-bundle.mjs. */
export function bundleConformance(entry: string, platform: 'node' | 'neutral'): Promise<string>
