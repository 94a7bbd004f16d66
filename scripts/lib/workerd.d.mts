/** See workerd.mjs. */
export const WORKERD: string
export function startWorkerd(worker: {
  script: string
  bindings?: string[]
  services?: { name: string; port: number }[]
  loopbackOutbound?: boolean
}): Promise<{ origin: string; output(): string; close(): void }>
