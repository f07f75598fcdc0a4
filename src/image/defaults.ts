// The default image: Debian's own riscv64 userland with a shell, ps/top and
// htop, and the terminfo entries terminals commonly announce.

export const DEFAULT_MIRROR = "http://deb.debian.org/debian";
export const MIRROR_ENV = "ARAMID_DEBIAN_MIRROR";
export const DEFAULT_SUITE = "trixie";
export const DEFAULT_IMAGE_NAME = "default";
export const DEFAULT_ARCH = "riscv64";
export const DEFAULT_COMPONENT = "main";

export const DEFAULT_PACKAGES: readonly string[] = [
  "busybox-static",
  "procps",
  "htop",
  "ncurses-base",
  "ncurses-term",
];

export function mirrorFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const v = env[MIRROR_ENV];
  return v !== undefined && v !== "" ? v : DEFAULT_MIRROR;
}
