/* openat's flag matrix beyond the basics: O_PATH descriptors (read, write,
 * fchmod, fsync, ioctl, mmap → EBADF; fstat, fchdir, dup, *at lookups and
 * close work; F_GETFL shows O_PATH; O_PATH|O_NOFOLLOW names the symlink
 * itself), O_CREAT|O_DIRECTORY (EINVAL), O_EXCL without O_CREAT, O_TRUNC on
 * a read-only open, O_DIRECTORY through a symlink to a directory, a trailing
 * slash on a file (ENOTDIR) and O_CREAT with a trailing slash (EISDIR). */
#include "contract.h"
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>

int main(void) {
  char buf[16];
  int p = open("hello.txt", O_PATH);
  expect_ok("open O_PATH", p);
  expect_err("read O_PATH", read(p, buf, 1), EBADF);
  expect_err("write O_PATH", write(p, "x", 1), EBADF);
  expect_err("pread O_PATH", pread(p, buf, 1, 0), EBADF);
  expect_err("fchmod O_PATH", fchmod(p, 0644), EBADF);
  expect_err("fsync O_PATH", fsync(p), EBADF);
  int n;
  expect_err("ioctl O_PATH", ioctl(p, FIONREAD, &n), EBADF);
  void *m = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, p, 0);
  expect_err("mmap O_PATH", m == MAP_FAILED ? -1 : 0, EBADF);
  struct stat st;
  expect_ok("fstat O_PATH", fstat(p, &st));
  expect_eq("size via O_PATH", st.st_size, 25);
  int fl = fcntl(p, F_GETFL);
  check("F_GETFL has O_PATH", (fl & O_PATH) == O_PATH);
  int d = dup(p);
  expect_ok("dup O_PATH", d);
  close(d);
  expect_err("lseek O_PATH", lseek(p, 0, SEEK_SET), EBADF);
  int r = openat(p, "", O_RDONLY);
  expect_err("openat O_PATH file as dir", r, ENOENT);
  expect_ok("fstatat AT_EMPTY_PATH", fstatat(p, "", &st, AT_EMPTY_PATH));
  close(p);

  int dp = open("dir", O_PATH | O_DIRECTORY);
  expect_ok("open dir O_PATH", dp);
  int in = openat(dp, "b", O_RDONLY);
  expect_ok("openat under O_PATH dir", in);
  expect_eq("read via it", read(in, buf, 2), 2);
  close(in);
  char saved[512];
  getcwd(saved, sizeof saved);
  expect_ok("fchdir O_PATH dir", fchdir(dp));
  expect_ok("relative after fchdir", access("sub/x", F_OK));
  chdir(saved);
  char dents[256];
  expect_err("getdents O_PATH", syscall(SYS_getdents64, dp, dents, sizeof dents), EBADF);
  close(dp);

  int lp = open("link", O_PATH | O_NOFOLLOW);
  expect_ok("O_PATH|O_NOFOLLOW symlink", lp);
  fstat(lp, &st);
  check("is the link", S_ISLNK(st.st_mode));
  n = readlinkat(lp, "", buf, sizeof buf);
  expect_eq("readlinkat empty path", n, 9);
  close(lp);
  expect_err("O_NOFOLLOW symlink", open("link", O_RDONLY | O_NOFOLLOW), ELOOP);

  char f[128];
  snprintf(f, sizeof f, "%s", tmp_path("opath"));
  expect_err("O_CREAT|O_DIRECTORY", open(f, O_CREAT | O_DIRECTORY | O_RDWR, 0600), EINVAL);
  int w = open(f, O_CREAT | O_WRONLY, 0600);
  write(w, "abc", 3);
  close(w);
  int e = open(f, O_RDONLY | O_EXCL);
  expect_ok("O_EXCL without O_CREAT", e);
  close(e);
  int t = open(f, O_RDONLY | O_TRUNC);
  expect_ok("O_TRUNC read-only", t);
  fstat(t, &st);
  expect_eq("truncated", st.st_size, 0);
  close(t);
  char slash[160];
  snprintf(slash, sizeof slash, "%s/", f);
  expect_err("file with trailing slash", open(slash, O_RDONLY), ENOTDIR);
  expect_err("O_CREAT trailing slash existing", open(slash, O_CREAT | O_RDWR, 0600), EISDIR);
  char nf[160];
  snprintf(nf, sizeof nf, "%s-new/", f);
  expect_err("O_CREAT trailing slash new", open(nf, O_CREAT | O_RDWR, 0600), EISDIR);
  char sl[160];
  snprintf(sl, sizeof sl, "%s-dl", f);
  symlink("/tmp", sl);
  int od = open(sl, O_RDONLY | O_DIRECTORY);
  expect_ok("O_DIRECTORY via symlink to dir", od);
  close(od);
  expect_err("O_DIRECTORY|O_NOFOLLOW on symlink", open(sl, O_RDONLY | O_DIRECTORY | O_NOFOLLOW), ENOTDIR);
  expect_err("O_PATH ignores O_CREAT", open(nf, O_PATH | O_CREAT, 0600), ENOENT);
  unlink(sl);
  unlink(f);
  return contract_end("v2_opath");
}
