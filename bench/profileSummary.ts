/**
 * Reads a V8 CPU profile (`node --cpu-prof`) and prints where the time went within a window of
 * the monotonic clock (the timed part of a benchmark, not its setup): the functions with the most
 * self time, the self time of each source file, package and node module, and the total time spent
 * under each of them.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] }

/** `from` and `to` in microseconds of the monotonic clock (process.hrtime), as V8 stamps its samples. */
export function summariseProfile(file: string, from: number, to: number, root: string, top = 25): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const selfByFile = new Map<string, number>();
  const inclusiveByFile = new Map<string, number>();
  let t = profile.startTime;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    if (t < from || t > to) continue;
    const dt = profile.timeDeltas[i + 1] ?? 0;
    total += dt;
    const leaf = byId.get(profile.samples[i])!;
    const where = leaf.callFrame.url.replace(`file://${root}/`, '');
    const key = `${leaf.callFrame.functionName || '(anonymous)'} ${where}:${leaf.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    const file = moduleOf(leaf.callFrame.url, root) ?? (leaf.callFrame.url === '' ? leaf.callFrame.functionName : '(other)');
    selfByFile.set(file, (selfByFile.get(file) ?? 0) + dt);
    // Inclusive time per project file (outside node_modules), counted once per sample.
    const files = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const file = moduleOf(byId.get(id)!.callFrame.url, root);
      if (file) files.add(file);
    }
    for (const f of files) inclusiveByFile.set(f, (inclusiveByFile.get(f) ?? 0) + dt);
  }
  const pct = (v: number) => `${((100 * v) / total).toFixed(1).padStart(5)} %`;
  const lines = [`CPU profile over ${(total / 1e6).toFixed(1)} s of samples in the timed window`, '', 'self time:'];
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(v)}  ${k}`);
  lines.push('', 'self time per project file, [package] and node: module (native functions by name):');
  for (const [k, v] of [...selfByFile].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(v)}  ${k}`);
  lines.push('', 'inclusive time per project file, [package] and node: module:');
  for (const [k, v] of [...inclusiveByFile].sort((a, b) => b[1] - a[1]).slice(0, top * 2)) lines.push(`  ${pct(v)}  ${k}`);
  return lines.join('\n');
}

/** A frame's project file, `[package]` or `node:` module; undefined for V8's and native frames. */
function moduleOf(url: string, root: string): string | undefined {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `[${pkg[1]}]`;
  if (url.startsWith(`file://${root}/`)) return url.replace(`file://${root}/`, '');
  if (url.startsWith('node:')) return url;
  return undefined;
}
