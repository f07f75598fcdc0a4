/* mknodat as root creates working device nodes on a tmpfs mounted in /tmp
 * (1:3 behaves as
 * /dev/null, 1:5 as /dev/zero, whatever the name), a block node, a socket
 * node (open → ENXIO) and, with type 0, a regular file; after dropping
 * privileges a child gets EPERM for device nodes but may create FIFOs,
 * regular files and socket nodes; EEXIST for a taken name; a device node
 * on a nodev mount cannot be opened (EACCES). */
#include "contract.h"
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>

static char base[128];
static const char *p(const char *name) {
  static char bufs[4][192];
  static int i;
  char *b = bufs[i++ & 3];
  snprintf(b, 192, "%s/%s", base, name);
  return b;
}

int main(void) {
  snprintf(base, sizeof base, "%s", tmp_path("mknod"));
  mkdir(base, 0777);
  expect_ok("mount tmpfs", mount("tmpfs", base, "tmpfs", 0, "mode=0777"));
  umask(0);
  expect_ok("mknod char 1:3", mknod(p("mynull"), S_IFCHR | 0666, makedev(1, 3)));
  struct stat st;
  stat(p("mynull"), &st);
  printf("chr %d rdev %u:%u mode %o\n", S_ISCHR(st.st_mode), major(st.st_rdev), minor(st.st_rdev), st.st_mode & 0777);
  int fd = open(p("mynull"), O_RDWR);
  expect_ok("open it", fd);
  char buf[8];
  expect_eq("write swallowed", write(fd, "abc", 3), 3);
  expect_eq("read eof", read(fd, buf, sizeof buf), 0);
  close(fd);
  expect_ok("mknod char 1:5", mknodat(AT_FDCWD, p("myzero"), S_IFCHR | 0644, makedev(1, 5)));
  fd = open(p("myzero"), O_RDONLY);
  memset(buf, 7, sizeof buf);
  expect_eq("read zero", read(fd, buf, sizeof buf), 8);
  check("zeros", buf[0] == 0 && buf[7] == 0);
  close(fd);
  expect_ok("mknod block", mknod(p("blk"), S_IFBLK | 0600, makedev(7, 200)));
  stat(p("blk"), &st);
  printf("blk %d rdev %u:%u\n", S_ISBLK(st.st_mode), major(st.st_rdev), minor(st.st_rdev));
  expect_ok("mknod socket", mknod(p("sock"), S_IFSOCK | 0600, 0));
  stat(p("sock"), &st);
  check("is socket", S_ISSOCK(st.st_mode));
  expect_err("open socket node", open(p("sock"), O_RDONLY), ENXIO);
  expect_ok("mknod type 0", mknod(p("plain"), 0640, 0));
  stat(p("plain"), &st);
  printf("plain regular %d mode %o size %ld\n", S_ISREG(st.st_mode), st.st_mode & 0777, (long)st.st_size);
  expect_err("mknod taken", mknod(p("plain"), S_IFCHR | 0600, makedev(1, 3)), EEXIST);
  fflush(stdout);
  int pfd[2];
  pipe(pfd);
  pid_t pid = fork();
  if (pid == 0) {
    close(pfd[0]);
    char out[512];
    int len = 0;
    if (setresgid(65534, 65534, 65534) != 0 || setresuid(65534, 65534, 65534) != 0) _exit(3);
    int r = mknod(p("u-chr"), S_IFCHR | 0600, makedev(1, 3));
    len += snprintf(out + len, sizeof out - len, "user char: %s\n", errno_name(r < 0 ? errno : 0));
    r = mknod(p("u-blk"), S_IFBLK | 0600, makedev(7, 0));
    len += snprintf(out + len, sizeof out - len, "user block: %s\n", errno_name(r < 0 ? errno : 0));
    r = mknod(p("u-fifo"), S_IFIFO | 0600, 0);
    len += snprintf(out + len, sizeof out - len, "user fifo: %s\n", errno_name(r < 0 ? errno : 0));
    r = mknod(p("u-reg"), S_IFREG | 0600, 0);
    len += snprintf(out + len, sizeof out - len, "user regular: %s\n", errno_name(r < 0 ? errno : 0));
    r = mknod(p("u-sock"), S_IFSOCK | 0600, 0);
    len += snprintf(out + len, sizeof out - len, "user socket: %s\n", errno_name(r < 0 ? errno : 0));
    struct stat s2;
    stat(p("u-fifo"), &s2);
    len += snprintf(out + len, sizeof out - len, "fifo owned by user: %d\n", s2.st_uid == 65534);
    write(pfd[1], out, len);
    _exit(0);
  }
  close(pfd[1]);
  char out[512] = {0};
  int n = 0, got;
  while ((got = read(pfd[0], out + n, sizeof out - 1 - n)) > 0) n += got;
  printf("%s", out);
  int status;
  waitpid(pid, &status, 0);
  expect_eq("child status", WEXITSTATUS(status), 0);
  check("user char refused", strstr(out, "user char: EPERM") != NULL);
  const char *names[] = {"mynull", "myzero", "blk", "sock", "plain", "u-fifo", "u-reg", "u-sock", "u-chr", "u-blk"};
  for (unsigned i = 0; i < sizeof names / sizeof *names; i++) unlink(p(names[i]));
  mkdir(p("nodev"), 0755);
  expect_ok("mount nodev", mount("tmpfs", p("nodev"), "tmpfs", MS_NODEV, ""));
  expect_ok("mknod on nodev", mknod(p("nodev/null"), S_IFCHR | 0666, makedev(1, 3)));
  expect_err("open on nodev", open(p("nodev/null"), O_RDWR), EACCES);
  expect_ok("umount nodev", umount(p("nodev")));
  expect_ok("umount", umount(base));
  expect_ok("rmdir", rmdir(base));
  return contract_end("v2_mknod_dev");
}
