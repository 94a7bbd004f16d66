/** See node-versions.mjs. */
export function nodeBinaries(): Record<string, string>
export function unlinkAliasedNode(): void
