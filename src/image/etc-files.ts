// What base-files, base-passwd and maintainer scripts would create: a
// minimal /etc and the usual top-level directories. Files that a chosen
// package already ships are kept.
import { existsSync, mkdirSync, chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

const ETC: Readonly<Record<string, string>> = {
  passwd: "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n",
  group: "root:x:0:\ntty:x:5:\nusers:x:100:\nnogroup:x:65534:\n",
  hostname: "aramid\n",
  hosts: "127.0.0.1\tlocalhost aramid\n::1\t\tlocalhost ip6-localhost ip6-loopback\n",
  "nsswitch.conf": "passwd: files\ngroup: files\nshadow: files\nhosts: files dns\nnetworks: files\nprotocols: files\nservices: files\n",
  shells: "/bin/sh\n/bin/ash\n/usr/bin/sh\n",
  profile:
    `export PATH="${PATH}"\n` +
    'if [ "$(id -u 2>/dev/null)" = 0 ]; then PS1=\'\\u@\\h:\\w# \'; else PS1=\'\\u@\\h:\\w$ \'; fi\n' +
    "export PS1\n" +
    ': "${TERM:=xterm-256color}"\nexport TERM\n',
};

/** Directories and their modes: /tmp is world-writable and sticky. */
const DIRS: ReadonlyArray<readonly [string, number]> = [
  ["root", 0o700], ["tmp", 0o1777], ["var/tmp", 0o1777], ["home", 0o755],
  ["proc", 0o555], ["sys", 0o555], ["dev", 0o755], ["run", 0o755],
  ["etc", 0o755], ["usr/local/bin", 0o755], ["usr/local/sbin", 0o755],
];

export function writeEtc(root: string): void {
  for (const [dir, mode] of DIRS) {
    const path = join(root, dir);
    mkdirSync(path, { recursive: true });
    chmodSync(path, mode);
  }
  for (const [name, text] of Object.entries(ETC)) {
    const path = join(root, "etc", name);
    if (!existsSync(path)) writeFileSync(path, text, { mode: 0o644 });
  }
}
