export declare const ICON_SIZES: number[];
export declare function renderIcon(svg: Buffer | string, size: number): Buffer;
export declare function buildIcons(root?: string, out?: string): string[];
