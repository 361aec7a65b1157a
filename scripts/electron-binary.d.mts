export function findElectronBinary(): string | null;
export function electronPackageDir(): string | null;
