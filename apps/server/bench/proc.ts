import { readFile } from 'node:fs/promises';

// What a benchmark reads about the server process from /proc (Linux).

/**
 * CPU seconds (user + system) a process has used (clock ticks of 1/100 s). Unlike wall-clock time it hardly
 * moves when other processes share the cores.
 */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces: utime is 14th, stime 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident set size of a process in MiB: now (`VmRSS`) or its peak so far (`VmHWM`). */
export async function rssMiB(pid: number, which: 'VmRSS' | 'VmHWM' = 'VmRSS'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = Number(new RegExp(`^${which}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1]);
  return kib / 1024;
}
