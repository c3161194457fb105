/**
 * The resident memory (RSS) of another process, read from Linux's /proc, so the service can bound what a training
 * process uses. Elsewhere (no /proc) it is unknown, and only the training's heap limit applies.
 */
import { readFileSync } from 'node:fs';

/** Resident bytes of process `pid`; undefined when /proc cannot tell (not Linux, or the process is gone). */
export function residentBytesOf(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined;
  }
}
