/**
 * Whether a listen address is reachable only from this machine: the whole 127.0.0.0/8 range, ::1 (also written
 * out or IPv4-mapped) and the name `localhost`. Both services refuse to listen anywhere else without API keys
 * unless told to (secure by default, like Redis's protected mode); any other name counts as reachable from outside,
 * since what it resolves to is not known until it is bound.
 */
import { isIPv4, isIPv6 } from 'node:net';

export function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIPv4(bare)) return bare.startsWith('127.');
  if (!isIPv6(bare)) return false;
  const mapped = /^(?:::|(?:0{1,4}:){5})ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(bare);
  if (mapped?.[1] !== undefined) return mapped[1].startsWith('127.');
  return expandIPv6(bare) === '0000:0000:0000:0000:0000:0000:0000:0001';
}

function expandIPv6(address: string): string {
  const [head = '', tail] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  const groups = tail === undefined ? left : [...left, ...Array<string>(missing).fill('0'), ...right];
  return groups.map((group) => group.padStart(4, '0')).join(':');
}
