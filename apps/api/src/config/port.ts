import net from 'node:net';
import { ConfigError } from './api-config.js';

/**
 * Fails with one line when PORT cannot be listened on, before the store is opened and Nest starts: otherwise a busy
 * port was found only after migrations, a demo seed and Nest's two dozen start-up lines. (Another process may still
 * take the port in between; main.ts answers that case with the same line.)
 */
export async function assertPortFree(port: number): Promise<void> {
  const probe = net.createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(port, resolve); // all interfaces, as Nest's listen(port)
    });
  } catch (error) {
    throw portError(port, error);
  }
  await new Promise((resolve) => probe.close(resolve));
}

/** The one-line explanation of a failed listen, or the error itself when it is not about the port. */
export function portError(port: number, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE') return new ConfigError(`Port ${port} is already in use: stop the other server or set PORT to a free port.`);
  if (code === 'EACCES') return new ConfigError(`Port ${port} needs privileges this process does not have: set PORT to 1024 or above.`);
  return error;
}
