import type { Handlers } from '../../shared/ipc/dispatcher';
import type { TopologyFiles } from './topology-files';

type FilesChannel = Extract<keyof Handlers, `files.${string}`>;

/** The `files.*` channels of the contract, served by a TopologyFiles. */
export function filesHandlers(files: TopologyFiles): Pick<Handlers, FilesChannel> {
  return {
    'files.list': () => files.list(),
    'files.read': ({ path }) => files.read(path),
    'files.write': ({ path, content }) => files.write(path, content),
    'files.recent': () => files.recent(),
  };
}
