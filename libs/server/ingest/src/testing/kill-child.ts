import { spawn } from 'node:child_process';

export interface KillOptions {
  /** SIGKILL the child when it prints this line. */
  killAt?: string;
  /** Or this long after it prints `startLine`. */
  killAfterMs?: number;
  startLine: string;
}

/**
 * Runs a crash test's child (`node script ...args`), collecting its stdout lines, and SIGKILLs it at the chosen point.
 * Resolves once the child is gone; rejects when it fails on its own (not killed, non-zero exit) with its stderr.
 */
export function runAndKill(script: string, args: readonly string[], options: KillOptions): Promise<{ lines: string[]; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let stderr = '';
    let buffered = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const complete = buffered.split('\n');
      buffered = complete.pop()!;
      for (const line of complete) {
        lines.push(line);
        if (line === options.killAt) child.kill('SIGKILL');
        if (line === options.startLine && options.killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`child failed (${code}): ${stderr}`));
      else resolve({ lines, signal });
    });
  });
}
