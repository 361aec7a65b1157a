export type FuseName =
  | 'RunAsNode'
  | 'EnableCookieEncryption'
  | 'EnableNodeOptionsEnvironmentVariable'
  | 'EnableNodeCliInspectArguments'
  | 'EnableEmbeddedAsarIntegrityValidation'
  | 'OnlyLoadAppFromAsar'
  | 'LoadBrowserProcessSpecificV8Snapshot'
  | 'GrantFileProtocolExtraPrivileges';

export const FUSES: Readonly<Record<FuseName, boolean>>;
export const LEFT_AT_DEFAULT: Readonly<Record<number, string>>;

export function fuseConfig(
  fuseOptions: Record<string, number | string>,
  fuseVersion: { V1: string },
  platform: string,
): { version: string; resetAdHocDarwinSignature: boolean } & Record<number, boolean>;

export function fuseWireProblems(
  wire: Record<string, unknown>,
  fuseOptions: Record<string, number | string>,
): string[];

export function electronExecutable(target: {
  appOutDir: string;
  electronPlatformName: string;
  productFilename: string;
  executableName: string;
}): string;
