/* Attribute changes beyond vfs_attr: fchmodat on a symlink path follows it
 * (raw syscall has no flags), fchmodat2's flags (EOPNOTSUPP for a symlink
 * with AT_SYMLINK_NOFOLLOW), fchownat AT_SYMLINK_NOFOLLOW changes the link
 * itself, AT_EMPTY_PATH on an fd, bad flags (EINVAL); chown by root clears
 * set-user-ID and (with group exec) set-group-ID on a regular file but not on
 * a directory; the file type bits in a chmod mode are ignored; utimensat:
 * UTIME_OMIT for both leaves ctime alone, UTIME_NOW sets the atime only,
 * explicit times are kept to the nanosecond, a bad tv_nsec is EINVAL, and
 * futimens on an O_PATH fd is EBADF; as another user, NULL times need write
 * access (EACCES without) and explicit times need ownership (EPERM). */
#include "contract.h"
#include <sys/stat.h>
#include <sys/wait.h>

static char f[128], l[160], d[160];

static void child_checks(void) {
  if (setresgid(65534, 65534, 65534) || setresuid(65534, 65534, 65534)) _exit(3);
  struct timespec ts[2] = {{5, 0}, {6, 0}};
  int bad = 0;
  /* f is 0666 now: writable by anyone, owned by root */
  if (utimensat(AT_FDCWD, f, NULL, 0) != 0) bad |= 1;
  if (utimensat(AT_FDCWD, f, ts, 0) != -1 || errno != EPERM) bad |= 2;
  struct timespec now[2] = {{0, UTIME_NOW}, {0, UTIME_NOW}};
  if (utimensat(AT_FDCWD, f, now, 0) != 0) bad |= 4;
  if (chmod(f, 0600) != -1 || errno != EPERM) bad |= 8;
  if (utimensat(AT_FDCWD, d, NULL, 0) != -1 || errno != EACCES) bad |= 16;
  _exit(bad);
}

int main(void) {
  snprintf(f, sizeof f, "%s", tmp_path("attr2"));
  snprintf(l, sizeof l, "%s-l", f);
  snprintf(d, sizeof d, "%s-d", f);
  int fd = open(f, O_CREAT | O_RDWR | O_TRUNC, 0644);
  symlink(f, l);
  struct stat st, ls;
  expect_ok("fchmodat via symlink", syscall(SYS_fchmodat, AT_FDCWD, l, 0600));
  stat(f, &st);
  printf("target mode %o\n", st.st_mode & 07777);
  expect_err("fchmodat2 bad flag", syscall(452 /* fchmodat2 */, AT_FDCWD, f, 0600, 0x4), EINVAL);
  expect_err("fchmodat2 nofollow on link", syscall(452, AT_FDCWD, l, 0600, AT_SYMLINK_NOFOLLOW), EOPNOTSUPP);
  expect_ok("fchmodat2 nofollow on file", syscall(452, AT_FDCWD, f, 0640, AT_SYMLINK_NOFOLLOW));
  expect_ok("fchmodat2 empty path", syscall(452, fd, "", 0600, AT_EMPTY_PATH));
  expect_ok("chmod with type bits", chmod(f, S_IFDIR | 0640));
  stat(f, &st);
  printf("still regular %d mode %o\n", S_ISREG(st.st_mode), st.st_mode & 07777);
  expect_ok("lchown link", fchownat(AT_FDCWD, l, 7, 8, AT_SYMLINK_NOFOLLOW));
  lstat(l, &ls);
  stat(f, &st);
  printf("link owner %d:%d target owner %d:%d\n", (int)ls.st_uid, (int)ls.st_gid, (int)st.st_uid, (int)st.st_gid);
  expect_ok("fchownat AT_EMPTY_PATH", fchownat(fd, "", 9, 10, AT_EMPTY_PATH));
  fstat(fd, &st);
  printf("owner %d:%d\n", (int)st.st_uid, (int)st.st_gid);
  expect_err("fchownat bad flag", fchownat(AT_FDCWD, f, 0, 0, 0x4), EINVAL);
  expect_err("fchownat empty without flag", fchownat(fd, "", 0, 0, 0), ENOENT);
  chmod(f, 06755);
  expect_ok("chown suid file", chown(f, 0, 0));
  stat(f, &st);
  printf("after chown %o\n", st.st_mode & 07777);
  chmod(f, 06745);
  chown(f, -1, 0);
  stat(f, &st);
  printf("after chown -1 (no group exec) %o\n", st.st_mode & 07777);
  mkdir(d, 0755);
  chmod(d, 02755);
  chown(d, 0, 0);
  stat(d, &st);
  printf("dir after chown %o\n", st.st_mode & 07777);

  struct timespec ts[2] = {{1000, 123456789}, {2000, 987654321}};
  expect_ok("explicit times", utimensat(AT_FDCWD, f, ts, 0));
  stat(f, &st);
  printf("atime %ld.%09ld mtime %ld.%09ld\n", (long)st.st_atim.tv_sec, st.st_atim.tv_nsec, (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
  struct timespec c0 = st.st_ctim;
  usleep(20000);
  struct timespec omit[2] = {{0, UTIME_OMIT}, {0, UTIME_OMIT}};
  expect_ok("both omit", utimensat(AT_FDCWD, f, omit, 0));
  stat(f, &st);
  check("ctime unchanged", st.st_ctim.tv_sec == c0.tv_sec && st.st_ctim.tv_nsec == c0.tv_nsec);
  struct timespec anow[2] = {{0, UTIME_NOW}, {0, UTIME_OMIT}};
  expect_ok("atime now", utimensat(AT_FDCWD, f, anow, 0));
  stat(f, &st);
  check("atime moved", st.st_atim.tv_sec > 2000);
  printf("mtime kept %ld.%09ld\n", (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
  check("ctime moved", st.st_ctim.tv_sec != c0.tv_sec || st.st_ctim.tv_nsec != c0.tv_nsec);
  struct timespec badns[2] = {{0, 1000000000}, {0, 0}};
  expect_err("bad nsec", utimensat(AT_FDCWD, f, badns, 0), EINVAL);
  struct timespec negns[2] = {{0, -5}, {0, 0}};
  expect_err("negative nsec", utimensat(AT_FDCWD, f, negns, 0), EINVAL);
  expect_ok("nofollow on link", utimensat(AT_FDCWD, l, ts, AT_SYMLINK_NOFOLLOW));
  lstat(l, &ls);
  printf("link mtime %ld\n", (long)ls.st_mtim.tv_sec);
  int op = open(f, O_PATH);
  expect_err("futimens O_PATH", futimens(op, ts), EBADF);
  close(op);
  chmod(f, 0666);
  chmod(d, 0755);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) child_checks();
  int status;
  waitpid(pid, &status, 0);
  expect_eq("user checks (bit mask of failures)", WEXITSTATUS(status), 0);
  close(fd);
  unlink(l);
  unlink(f);
  rmdir(d);
  return contract_end("v2_attr2");
}
