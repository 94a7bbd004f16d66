/** See debugger.mjs. */
export const CSP: string
export function buildDebugger(): Promise<Record<string, { type: string; body: string | Uint8Array }>>
export function startDebugger(port?: number): Promise<{ url: string; close(): Promise<void> }>
