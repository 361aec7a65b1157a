/** One Markdown table (Figure, Dockwright, Peer, Ratio, Target) from benchmark JSON lines. */
export function benchTable(lines: readonly string[]): string;
