/*
 * Host paths a bind mount must not hand to a container without the user's say-so, judged on
 * POSIX paths as text: pure, no file system. The main side resolves a source for real first
 * (base folder, `~`, symbolic links) and asks again with the result.
 */

/** Directories whose every file is the host's to guard: anything under them counts too. */
const SYSTEM_TREES: readonly (readonly [string, string])[] = [
  ['/etc', "the host's configuration (users, passwords, sudoers, services)"],
  ['/proc', "the host kernel's process interface"],
  ['/sys', "the host kernel's device and control interface"],
  ['/boot', "the host's kernel and boot loader"],
  ['/dev', "the host's devices"],
  ['/run', "runtime state and sockets of the host's services (the Docker socket among them)"],
  ['/var/run', "runtime state and sockets of the host's services (the Docker socket among them)"],
  ['/var/lib/docker', "Docker's own data: every container's files"],
];

/** Folders that hold every user's home directory. */
const HOME_PARENTS = ['/home', '/Users'];

const ENGINE_SOCKET = /(^|\/)(docker|containerd|podman)\.sock$/;
const ENGINE_SOCKET_REASON = "the container engine's socket: whoever can use it is root on the host";

/**
 * The home directory a path is in, when it is `~`, `~user`, `/root`, `/home/<user>` or
 * `/Users/<user>`, or inside one: `[home, rest]`.
 */
function splitHome(path: string): [string, string] | undefined {
  const match = /^(~[^/]*|\/root|\/home\/[^/]+|\/Users\/[^/]+)(\/.*)?$/.exec(path);
  return match ? [match[1]!, match[2] ?? ''] : undefined;
}

const within = (path: string, root: string) => path === root || path.startsWith(`${root}/`);

/**
 * Why mounting this host path into a container is dangerous, or undefined when it is not.
 * `path` should be normalized (see {@link resolveHostPath}); `~` stands for a home directory.
 */
export function sensitiveHostPath(path: string): string | undefined {
  if (ENGINE_SOCKET.test(path)) return ENGINE_SOCKET_REASON;
  if (path === '/') return "the host's whole file system";
  const tree = SYSTEM_TREES.find(([root]) => within(path, root));
  if (tree) return tree[1];
  if (HOME_PARENTS.includes(path)) return "every user's home directory";
  const home = splitHome(path);
  if (home) {
    const [, rest] = home;
    if (rest === '') return 'a whole home directory (keys, credentials, shell start-up files)';
    // ~/.ssh, ~/.aws, ~/.docker, ~/.kube, ~/.bashrc, …: where credentials and start-up code live.
    if (/^\/\.[^/]/.test(rest))
      return 'a hidden file or folder of a home directory (credentials, keys, start-up files)';
    return undefined;
  }
  const inside = SYSTEM_TREES.find(([root]) => root.startsWith(`${path}/`));
  if (inside) return `a folder that contains ${inside[0]}: ${inside[1]}`;
  return undefined;
}

/**
 * Normalizes a host path as text: repeated and trailing slashes go, `.` and `..` are applied.
 * A relative path is resolved against `baseDir` when one is given; `~` and `~/…` against `home`
 * when given, else kept as `~` (a home directory all the same). Undefined when the path cannot
 * be placed: relative without a base, or climbing above an unknown home.
 */
export function resolveHostPath(
  source: string,
  where: { baseDir?: string | undefined; home?: string | undefined } = {},
): string | undefined {
  let path = source.trim();
  if (path === '') return undefined;
  const tilde = /^~[^/]*/.exec(path)?.[0];
  if (tilde !== undefined) {
    if (tilde === '~' && where.home !== undefined) path = `${where.home}${path.slice(1)}`;
    else return normalizeUnder(tilde, path.slice(tilde.length));
  }
  if (!path.startsWith('/')) {
    if (where.baseDir === undefined || !where.baseDir.startsWith('/')) return undefined;
    path = `${where.baseDir}/${path}`;
  }
  return normalizeUnder('', path);
}

/** Applies `.` and `..` to `rest` below `root` ('' for the file system root). */
function normalizeUnder(root: string, rest: string): string | undefined {
  const parts: string[] = [];
  for (const part of rest.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      // Above the file system root is the root; above an unknown home is unknown.
      if (parts.length === 0 && root !== '') return undefined;
      parts.pop();
    } else parts.push(part);
  }
  const joined = parts.map((part) => `/${part}`).join('');
  return root === '' ? joined || '/' : `${root}${joined}`;
}
