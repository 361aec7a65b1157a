export interface AfterPackContextLike {
  appOutDir: string;
  electronPlatformName: string;
  packager: { appInfo: { productFilename: string }; executableName: string };
}

export default function afterPack(context: AfterPackContextLike): Promise<void>;
