// The app server's memory, read from Linux's /proc: the process in the app's
// process group with the most resident memory is the server (the others are
// its launchers). Its peak (VmHWM) can be reset, so a test can measure the
// peak of one request rather than of the process's whole life.
import fs from "node:fs";

export type Memory = { pid: number; rssMiB: number; peakMiB: number };

function processesIn(group: number): number[] {
  return fs
    .readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        // pid (comm) state ppid pgrp …; comm may hold spaces, so read after its closing parenthesis
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) === group;
      } catch {
        return false; // gone since the listing
      }
    });
}

function memoryOf(pid: number): Memory {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const mib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN) / 1024;
  return { pid, rssMiB: mib("VmRSS"), peakMiB: mib("VmHWM") };
}

/** The server process of the app whose process group is `group`. */
export function serverMemory(group: number): Memory {
  const all = processesIn(group).map(memoryOf);
  const server = all.sort((a, b) => b.rssMiB - a.rssMiB)[0];
  if (!server) throw new Error(`no process in group ${group}`);
  return server;
}

/** Sets the process's peak (VmHWM) back to what it holds now (Linux: "5" to clear_refs). */
export function resetPeak(pid: number): void {
  fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
}
