/* A devpts instance of our own (mount -t devpts): its mount options as
 * mountinfo shows them, statfs magic, the root and ptmx nodes, pty numbers
 * of its own starting at 0, /dev/pts/N made when the master opens (owner,
 * mode and group from the options) and removed when it closes, the number
 * free again once both sides are closed, max=, remount, bad options, and
 * the names the root refuses. */
#include "pty_util.h"
#include <dirent.h>
#include <sys/mount.h>
#include <sys/sysmacros.h>
#include <sys/vfs.h>

static char base[128];
static const char *p(const char *name) {
  static char bufs[4][192];
  static int i;
  char *b = bufs[i++ & 3];
  snprintf(b, 192, "%s/%s", base, name);
  return b;
}

/* The super options of the mount at base, from mountinfo. */
static void show_mountinfo(void) {
  char line[1024], want[160];
  snprintf(want, sizeof want, " %s ", base);
  FILE *f = fopen("/proc/self/mountinfo", "r");
  int found = 0;
  while (f && fgets(line, sizeof line, f)) {
    if (!strstr(line, want)) continue;
    char *dash = strstr(line, " - ");
    if (dash) printf("mountinfo: %s", dash + 3);
    found = 1;
  }
  if (f) fclose(f);
  check("mount listed in mountinfo", found);
}

static void listing(const char *what) {
  DIR *d = opendir(base);
  char names[256] = "";
  struct dirent *e;
  int n = 0;
  char list[16][32];
  while (d && (e = readdir(d)) && n < 16) snprintf(list[n++], 32, "%s", e->d_name);
  if (d) closedir(d);
  /* Sorted: the order of a directory listing is not part of the contract. */
  for (int i = 0; i < n; i++)
    for (int j = i + 1; j < n; j++)
      if (strcmp(list[j], list[i]) < 0) {
        char t[32];
        memcpy(t, list[i], 32);
        memcpy(list[i], list[j], 32);
        memcpy(list[j], t, 32);
      }
  for (int i = 0; i < n; i++) {
    strcat(names, " ");
    strcat(names, list[i]);
  }
  printf("%s:%s\n", what, names);
}

int main(void) {
  snprintf(base, sizeof base, "%s", tmp_path("devpts"));
  mkdir(base, 0755);
  expect_err("bogus option", mount("devpts", base, "devpts", 0, "bogus"), EINVAL);
  expect_err("mode not octal", mount("devpts", base, "devpts", 0, "mode=abc"), EINVAL);
  expect_err("negative gid", mount("devpts", base, "devpts", 0, "gid=-1"), EINVAL);
  expect_ok("mount", mount("devpts", base, "devpts", 0, "newinstance,gid=5,mode=620,ptmxmode=666"));
  show_mountinfo();
  struct statfs sf;
  expect_ok("statfs", statfs(base, &sf));
  printf("magic %lx\n", (unsigned long)sf.f_type);
  struct stat st, ptmx;
  stat(base, &st);
  printf("root mode %o ino %ld uid %d gid %d\n", st.st_mode, (long)st.st_ino, st.st_uid, st.st_gid);
  expect_ok("stat ptmx", stat(p("ptmx"), &ptmx));
  printf("ptmx mode %o ino %ld rdev %d:%d\n", ptmx.st_mode, (long)ptmx.st_ino, major(ptmx.st_rdev), minor(ptmx.st_rdev));
  check("same device as the root", ptmx.st_dev == st.st_dev);
  listing("empty instance");

  int m0 = open(p("ptmx"), O_RDWR | O_NOCTTY);
  expect_ok("open ptmx", m0);
  unsigned n0 = 99, n1 = 99;
  ioctl(m0, TIOCGPTN, &n0);
  expect_eq("first number", n0, 0);
  int m1 = open(p("ptmx"), O_RDWR | O_NOCTTY);
  ioctl(m1, TIOCGPTN, &n1);
  expect_eq("second number", n1, 1);
  listing("two ptys");
  expect_ok("stat /0", stat(p("0"), &st));
  printf("slave mode %o ino %ld rdev %d:%d gid %d\n", st.st_mode, (long)st.st_ino, major(st.st_rdev), minor(st.st_rdev), st.st_gid);
  check("slave owned by the opener", st.st_uid == geteuid());
  expect_err("open locked slave", open(p("0"), O_RDWR | O_NOCTTY), EIO);
  int unlock = 0;
  ioctl(m0, TIOCSPTLCK, &unlock);
  int s0 = open(p("0"), O_RDWR | O_NOCTTY);
  expect_ok("open unlocked slave", s0);
  struct stat fst;
  fstat(s0, &fst);
  check("fstat of the slave is its node", fst.st_ino == st.st_ino && fst.st_dev == st.st_dev);
  write(m0, "x\n", 2);
  char buf[16];
  expect_eq("slave reads", read(s0, buf, sizeof buf), 2);

  /* The root takes no new names. */
  expect_err("mkdir", mkdir(p("d"), 0755), EPERM);
  expect_err("creat", open(p("f"), O_CREAT | O_RDWR, 0644), EACCES);
  expect_err("unlink slave", unlink(p("0")), EPERM);
  expect_err("symlink", symlink("x", p("s")), EPERM);
  expect_err("rename slave", rename(p("0"), p("z")), EPERM);
  expect_ok("chmod slave", chmod(p("1"), 0600));
  stat(p("1"), &st);
  printf("after chmod %o\n", st.st_mode & 07777);
  expect_ok("chown slave", chown(p("1"), 1, 2));
  stat(p("1"), &st);
  printf("after chown %d:%d\n", st.st_uid, st.st_gid);

  /* A mknod'ed copy of a slave's number reaches no pty. */
  char copy[64];
  /* In the working directory: /tmp may be mounted nodev. */
  snprintf(copy, sizeof copy, "devpts-node-%d", (int)getpid());
  mknod(copy, S_IFCHR | 0600, makedev(136, 0));
  expect_err("open a copy of the node", open(copy, O_RDWR | O_NOCTTY), EIO);
  unlink(copy);

  /* The master closes: the node goes at once; the number stays taken while the slave is open. */
  close(m0);
  expect_err("node gone after master close", stat(p("0"), &st), ENOENT);
  expect_eq("hung-up slave reads end of file", read(s0, buf, sizeof buf), 0);
  int m2 = open(p("ptmx"), O_RDWR | O_NOCTTY);
  unsigned n2 = 99;
  ioctl(m2, TIOCGPTN, &n2);
  expect_eq("number while the old slave is open", n2, 2);
  close(s0);
  int m3 = open(p("ptmx"), O_RDWR | O_NOCTTY);
  unsigned n3 = 99;
  ioctl(m3, TIOCGPTN, &n3);
  expect_eq("number reused once both sides closed", n3, 0);
  close(m1);
  close(m2);
  close(m3);
  listing("all closed");

  /* Remount: options not given return to their defaults; ptmx follows ptmxmode. */
  expect_ok("remount", mount("devpts", base, "devpts", MS_REMOUNT, "ptmxmode=600,max=1"));
  show_mountinfo();
  stat(p("ptmx"), &st);
  printf("ptmx mode after remount %o\n", st.st_mode & 07777);
  int a = open(p("ptmx"), O_RDWR | O_NOCTTY);
  expect_ok("open under max=1", a);
  expect_err("open past max", open(p("ptmx"), O_RDWR | O_NOCTTY), ENOSPC);
  close(a);
  expect_ok("umount", umount(base));
  rmdir(base);
  return contract_end("devpts_instance");
}
