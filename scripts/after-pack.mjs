// electron-builder's afterPack hook (electron-builder.yml): flips the Electron fuses of the
// packaged binary, before electron-builder signs it, then reads them back and fails the build
// if any fuse is not what scripts/electron-fuses.mjs says.
import { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses';
import { electronExecutable, fuseConfig, fuseWireProblems } from './electron-fuses.mjs';

export default async function afterPack(context) {
  const executable = electronExecutable({
    appOutDir: context.appOutDir,
    electronPlatformName: context.electronPlatformName,
    productFilename: context.packager.appInfo.productFilename,
    executableName: context.packager.executableName,
  });
  await flipFuses(executable, fuseConfig(FuseV1Options, FuseVersion, context.electronPlatformName));
  const problems = fuseWireProblems(await getCurrentFuseWire(executable), FuseV1Options);
  if (problems.length > 0) {
    throw new Error(`Electron fuses of ${executable} are not as configured:\n  ${problems.join('\n  ')}`);
  }
  process.stdout.write(`  • electron fuses set  file=${executable}\n`);
}
