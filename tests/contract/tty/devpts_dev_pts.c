/* /dev/pts as the system mounts it: a devpts mount listed in mountinfo and
 * /proc/filesystems, statfs magic, /dev/pts/ptmx and /dev/ptmx (5:2), and
 * /dev/pts/N of a new pair: a 136:N node whose mode and group follow the
 * mount's options and whose owner is the opener, listed while the master
 * is open and gone once it closes. Host and Aramid mount it with different
 * options, so modes are checked against the options, not printed. */
#include "pty_util.h"
#include <dirent.h>
#include <sys/sysmacros.h>
#include <sys/vfs.h>

static int opt_mode = 0600, opt_gid = -1;

/* Reads mode= and gid= of the mount at /dev/pts from mountinfo. */
static int read_options(void) {
  char line[1024];
  int found = 0;
  FILE *f = fopen("/proc/self/mountinfo", "r");
  while (f && fgets(line, sizeof line, f)) {
    if (!strstr(line, " /dev/pts ")) continue;
    char *dash = strstr(line, " - ");
    if (!dash || strncmp(dash, " - devpts ", 10) != 0) continue;
    found = 1;
    char *m = strstr(dash, ",mode=");
    if (m) opt_mode = (int)strtol(m + 6, NULL, 8);
    char *g = strstr(dash, ",gid=");
    opt_gid = g ? atoi(g + 5) : -1;
  }
  if (f) fclose(f);
  return found;
}

static int listed(const char *name) {
  DIR *d = opendir("/dev/pts");
  struct dirent *e;
  int found = 0;
  while (d && (e = readdir(d))) found |= strcmp(e->d_name, name) == 0;
  if (d) closedir(d);
  return found;
}

int main(void) {
  check("devpts mounted at /dev/pts", read_options());
  char line[256];
  int known = 0;
  FILE *f = fopen("/proc/filesystems", "r");
  while (f && fgets(line, sizeof line, f)) known |= strcmp(line, "nodev\tdevpts\n") == 0;
  if (f) fclose(f);
  check("/proc/filesystems lists nodev devpts", known);
  struct statfs sf;
  expect_ok("statfs /dev/pts", statfs("/dev/pts", &sf));
  printf("magic %lx\n", (unsigned long)sf.f_type);
  struct stat st;
  expect_ok("stat /dev/pts/ptmx", stat("/dev/pts/ptmx", &st));
  printf("/dev/pts/ptmx char %d rdev %d:%d\n", S_ISCHR(st.st_mode), major(st.st_rdev), minor(st.st_rdev));
  expect_ok("stat /dev/ptmx", stat("/dev/ptmx", &st));
  printf("/dev/ptmx char %d rdev %d:%d\n", S_ISCHR(st.st_mode), major(st.st_rdev), minor(st.st_rdev));

  int m = open("/dev/ptmx", O_RDWR | O_NOCTTY);
  expect_ok("open /dev/ptmx", m);
  unsigned n = 0;
  expect_ok("TIOCGPTN", ioctl(m, TIOCGPTN, &n));
  char path[64], name[16];
  snprintf(path, sizeof path, "/dev/pts/%u", n);
  snprintf(name, sizeof name, "%u", n);
  check("ptsname names it", strcmp(ptsname(m), path) == 0);
  expect_ok("stat slave node", stat(path, &st));
  check("slave is a char device", S_ISCHR(st.st_mode));
  printf("slave major %d\n", major(st.st_rdev));
  check("slave minor is its number", minor(st.st_rdev) == n);
  check("slave mode follows mode=", (int)(st.st_mode & 07777) == opt_mode);
  check("slave group follows gid=", (int)st.st_gid == (opt_gid >= 0 ? opt_gid : (int)getegid()));
  check("slave owned by the opener", st.st_uid == geteuid());
  struct stat sfs;
  stat("/dev/pts", &sfs);
  check("slave lives on the devpts mount", st.st_dev == sfs.st_dev);
  check("listed in /dev/pts", listed(name));
  unlockpt(m);
  int s = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY);
  expect_ok("TIOCGPTPEER", s);
  struct stat fst;
  fstat(s, &fst);
  check("peer is the node", fst.st_rdev == st.st_rdev && fst.st_ino == st.st_ino);
  /* The ptmx of the devpts mount makes pairs in the same instance. */
  int m2 = open("/dev/pts/ptmx", O_RDWR | O_NOCTTY);
  if (m2 >= 0 || errno == EACCES) printf("open /dev/pts/ptmx: done\n");
  else printf("open /dev/pts/ptmx: %s\n", errno_name(errno));
  if (m2 >= 0) {
    unsigned n2 = n;
    ioctl(m2, TIOCGPTN, &n2);
    check("another number", n2 != n);
    close(m2);
  }
  close(m);
  expect_err("node gone after the master closes", stat(path, &st), ENOENT);
  check("no longer listed", !listed(name));
  close(s);
  return contract_end("devpts_dev_pts");
}
