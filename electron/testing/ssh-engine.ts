import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/*
 * An SSH engine endpoint on 127.0.0.1 for tests: OpenSSH's sshd in the foreground with a host key
 * and an authorized key made here, and an ssh-agent holding that key. `docker system dial-stdio`
 * on the "remote" side reaches the local engine, as it would on a remote host.
 */

const SSHD = ['/usr/sbin/sshd', '/usr/bin/sshd'].find((file) => existsSync(file));

function onPath(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore', timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

/** Why an SSH endpoint cannot be started here, or undefined when it can. */
export function sshEngineUnavailable(): string | undefined {
  if (!SSHD) return 'no sshd (Debian package openssh-server)';
  for (const command of ['ssh-keygen', 'ssh-agent', 'ssh-add', 'docker'])
    if (!onPath(command)) return `no ${command} on PATH`;
  return undefined;
}

export interface SshEngine {
  port: number;
  user: string;
  /** `ssh://user@127.0.0.1:PORT`. */
  host: string;
  /** SSH_AUTH_SOCK of the agent that holds the authorized key. */
  agentSocket: string;
  /** The server's host key, as a known_hosts line would carry it: `ssh-ed25519 AAAA…`. */
  hostKey: string;
  /** Another key of the same type: what a changed host would present. */
  otherHostKey: string;
  stop(): Promise<void>;
}

/** Polls an asynchronous condition until it holds, or fails after `timeoutMs`. */
async function until(condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true)).once('error', () => done(false));
    socket.setTimeout(1_000, () => done(false));
  });

const keygen = (file: string) =>
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'dockwright-test', '-f', file], {
    stdio: 'ignore',
    timeout: 30_000,
  });

const publicKey = (file: string) =>
  readFileSync(`${file}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startSshEngine(dir: string): Promise<SshEngine> {
  if (!SSHD) throw new Error('no sshd');
  mkdirSync(dir, { recursive: true });
  const user = os.userInfo().username;
  const hostKeyFile = path.join(dir, 'host_key');
  const otherKeyFile = path.join(dir, 'other_host_key');
  const clientKeyFile = path.join(dir, 'client_key');
  for (const file of [hostKeyFile, otherKeyFile, clientKeyFile]) keygen(file);
  mkdirSync(path.join(dir, 'remote-home'), { recursive: true });
  writeFileSync(path.join(dir, 'authorized_keys'), `${publicKey(clientKeyFile)}\n`, { mode: 0o600 });
  const port = await freePort();
  writeFileSync(
    path.join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKeyFile}`,
      `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      // The test folder is under /tmp, which is world-writable: sshd's own check would refuse it.
      'StrictModes no',
      'UsePAM no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'PermitRootLogin prohibit-password',
      'LogLevel ERROR',
      // A home of its own on the "remote" side: the user's shell start-up files (a slow ~/.bashrc,
      // which bash reads even for a command run over SSH) and docker config stay out of the test.
      `SetEnv HOME=${path.join(dir, 'remote-home')}`,
      '',
    ].join('\n'),
  );
  // sshd running as root wants its privilege separation folder (its service would make it).
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const sshd = spawn(SSHD, ['-D', '-e', '-f', path.join(dir, 'sshd_config')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let sshdErrors = '';
  sshd.stderr?.on('data', (chunk: Buffer) => (sshdErrors += chunk.toString()));
  const agentSocket = path.join(dir, 'agent.sock');
  const agent = spawn('ssh-agent', ['-D', '-a', agentSocket], { stdio: 'ignore' });
  const stop = async () => {
    await Promise.all([stopProcess(sshd), stopProcess(agent)]);
  };
  try {
    await until(() => existsSync(agentSocket), 15_000, 'the ssh-agent socket');
    execFileSync('ssh-add', ['-q', clientKeyFile], {
      env: { ...process.env, SSH_AUTH_SOCK: agentSocket },
      stdio: 'ignore',
      timeout: 15_000,
    });
    await until(
      () => (sshd.exitCode !== null ? Promise.reject(new Error('sshd exited')) : canConnect(port)),
      15_000,
      'sshd to listen',
    );
  } catch (error) {
    await stop();
    throw new Error(`the SSH endpoint did not start: ${(error as Error).message} ${sshdErrors}`, {
      cause: error,
    });
  }
  return {
    port,
    user,
    host: `ssh://${user}@127.0.0.1:${port}`,
    agentSocket,
    hostKey: publicKey(hostKeyFile),
    otherHostKey: publicKey(otherKeyFile),
    stop,
  };
}
