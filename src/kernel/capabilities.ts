// Capabilities as Linux keeps them in struct cred (include/linux/cred.h,
// security/commoncap.c), for a system with no file capabilities and no user
// namespaces: root starts with every capability, and the sets follow uid
// changes the way cap_emulate_setxuid does.
//
// The sets live on the Credentials object itself (an optional `caps`
// property) so that clone(), which copies creds with a spread, carries them
// to the child. A CapSets value is never mutated: every change makes a new
// one, because a forked child starts out sharing its parent's object.
import type { Credentials } from "./credentials.js";
import type { Task } from "./task.js";

export const CAP_CHOWN = 0;
export const CAP_DAC_OVERRIDE = 1;
export const CAP_DAC_READ_SEARCH = 2;
export const CAP_FOWNER = 3;
export const CAP_FSETID = 4;
export const CAP_KILL = 5;
export const CAP_SETGID = 6;
export const CAP_SETUID = 7;
export const CAP_SETPCAP = 8;
export const CAP_LINUX_IMMUTABLE = 9;
export const CAP_SYS_ADMIN = 21;
export const CAP_SYS_NICE = 23;
export const CAP_SYS_RESOURCE = 24;
export const CAP_MKNOD = 27;
export const CAP_MAC_OVERRIDE = 32;
/** CAP_CHECKPOINT_RESTORE: the highest capability (/proc/sys/kernel/cap_last_cap). */
export const CAP_LAST_CAP = 40;
/** Every valid capability bit (CAP_VALID_MASK). */
export const CAP_FULL = (1n << BigInt(CAP_LAST_CAP + 1)) - 1n;

/** The file-system capabilities an fsuid change to or from 0 moves (CAP_FS_MASK). */
const CAP_FS_MASK = [CAP_CHOWN, CAP_MKNOD, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER, CAP_FSETID,
  CAP_MAC_OVERRIDE].reduce((m, c) => m | (1n << BigInt(c)), 0n);

/** include/uapi/linux/securebits.h */
export const SECURE_NOROOT = 1 << 0;
export const SECURE_NOROOT_LOCKED = 1 << 1;
export const SECURE_NO_SETUID_FIXUP = 1 << 2;
export const SECURE_NO_SETUID_FIXUP_LOCKED = 1 << 3;
export const SECURE_KEEP_CAPS = 1 << 4;
export const SECURE_KEEP_CAPS_LOCKED = 1 << 5;
export const SECURE_NO_CAP_AMBIENT_RAISE = 1 << 6;
export const SECURE_NO_CAP_AMBIENT_RAISE_LOCKED = 1 << 7;
/** Linux 6.14's exec-control bits (recorded only: Aramid does not enforce them). */
export const SECURE_EXEC_RESTRICT_FILE = 1 << 8;
export const SECURE_EXEC_DENY_INTERACTIVE = 1 << 10;
export const SECURE_ALL_BITS = SECURE_NOROOT | SECURE_NO_SETUID_FIXUP | SECURE_KEEP_CAPS | SECURE_NO_CAP_AMBIENT_RAISE |
  SECURE_EXEC_RESTRICT_FILE | SECURE_EXEC_DENY_INTERACTIVE;
export const SECURE_ALL_LOCKS = SECURE_ALL_BITS << 1;

export interface CapSets {
  readonly effective: bigint;
  readonly permitted: bigint;
  readonly inheritable: bigint;
  readonly bounding: bigint;
  readonly ambient: bigint;
  readonly securebits: number;
}

interface CapCredentials extends Credentials {
  caps?: CapSets;
}

/** What a task that never touched its capabilities holds: exec's result for its ids. */
function derivedCaps(c: Credentials): CapSets {
  const permitted = c.uid === 0 || c.euid === 0 ? CAP_FULL : 0n;
  return {
    effective: c.euid === 0 ? permitted : 0n, permitted, inheritable: 0n, bounding: CAP_FULL, ambient: 0n,
    securebits: 0,
  };
}

export function capsOf(c: Credentials): CapSets {
  return (c as CapCredentials).caps ?? derivedCaps(c);
}

export function setCaps(c: Credentials, caps: CapSets): void {
  (c as CapCredentials).caps = caps;
}

export function capBit(cap: number): bigint {
  return 1n << BigInt(cap);
}

export function capValid(cap: number): boolean {
  return Number.isInteger(cap) && cap >= 0 && cap <= CAP_LAST_CAP;
}

/** Whether credentials hold `cap` in their effective set (for checks made on creds, not tasks). */
export function credsHaveCap(c: Credentials, cap: number): boolean {
  return (capsOf(c).effective & capBit(cap)) !== 0n;
}

/** capable(): whether the task's effective set holds `cap`. */
export function capable(t: Task, cap: number): boolean {
  return (capsOf(t.creds).effective & capBit(cap)) !== 0n;
}

/** A fresh copy of the credentials (prepare_creds), to be changed and committed. */
export function prepareCreds(c: Credentials): Credentials {
  const copy: CapCredentials = { ...c, groups: [...c.groups] };
  copy.caps = capsOf(c);
  return copy;
}

/**
 * cap_emulate_setxuid: leaving uid 0 in all of ruid/euid/suid clears the
 * permitted and effective sets (unless SECURE_KEEP_CAPS), dropping euid 0
 * clears the effective set, and regaining euid 0 restores it from permitted.
 */
export function fixSetuidCaps(next: Credentials, old: Credentials): void {
  const c = capsOf(next);
  if (c.securebits & SECURE_NO_SETUID_FIXUP) return;
  let { effective, permitted, ambient } = c;
  const hadRoot = old.uid === 0 || old.euid === 0 || old.suid === 0;
  const hasRoot = next.uid === 0 || next.euid === 0 || next.suid === 0;
  if (hadRoot && !hasRoot) {
    if ((c.securebits & SECURE_KEEP_CAPS) === 0) {
      permitted = 0n;
      effective = 0n;
    }
    ambient = 0n;
  }
  if (old.euid === 0 && next.euid !== 0) effective = 0n;
  if (old.euid !== 0 && next.euid === 0) effective = permitted;
  setCaps(next, { ...c, effective, permitted, ambient });
}

/** The LSM_SETID_FS case: an fsuid change to or from 0 moves the file-system capabilities. */
export function fixSetfsuidCaps(next: Credentials, old: Credentials): void {
  const c = capsOf(next);
  if (c.securebits & SECURE_NO_SETUID_FIXUP) return;
  let effective = c.effective;
  if (old.fsuid === 0 && next.fsuid !== 0) effective &= ~CAP_FS_MASK;
  if (old.fsuid !== 0 && next.fsuid === 0) effective |= c.permitted & CAP_FS_MASK;
  setCaps(next, { ...c, effective });
}

/**
 * The capability part of execve for a file without file capabilities
 * (cap_bprm_creds_from_file): root gets its bounding set (plus inheritable),
 * everyone else keeps only the ambient set; SECURE_KEEP_CAPS is cleared.
 */
export function execCaps(c: Credentials): CapSets {
  const old = capsOf(c);
  const root = (old.securebits & SECURE_NOROOT) === 0 && (c.uid === 0 || c.euid === 0);
  const ambient = old.ambient;
  const permitted = root ? (old.bounding | old.inheritable) & CAP_FULL : ambient;
  const effective = root ? (c.euid === 0 ? permitted : 0n) : ambient;
  return { ...old, permitted, effective, ambient, securebits: old.securebits & ~SECURE_KEEP_CAPS };
}

/**
 * commit_creds: installs `next` on the task. A change of effective or fs
 * ids, or a gain of permitted capabilities, makes the process undumpable
 * and clears the parent-death signal, as Linux does.
 */
export function commitCreds(t: Task, next: Credentials): void {
  const old = t.creds;
  const gained = (capsOf(next).permitted & ~capsOf(old).permitted) !== 0n;
  if (old.euid !== next.euid || old.egid !== next.egid || old.fsuid !== next.fsuid || old.fsgid !== next.fsgid ||
    gained) {
    t.group.dumpable = 0;
    t.pdeathSignal = 0;
  }
  t.creds = next;
}
