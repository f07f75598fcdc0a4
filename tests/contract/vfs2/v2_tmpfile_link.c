/* O_TMPFILE in /tmp and linkat(AT_EMPTY_PATH): the unnamed file has nlink 0
 * and the umask-masked mode, gets a name (nlink 1) and keeps its data; a
 * second name works too; O_EXCL forbids naming it (ENOENT); an unlinked
 * ordinary file cannot be brought back (ENOENT); EEXIST for a taken name,
 * EXDEV into another filesystem (/dev/shm), ENOENT for a missing directory,
 * ENOTDIR on a file and EINVAL for O_TMPFILE without write access. */
#include "contract.h"
#include <sys/stat.h>

int main(void) {
  char name[128], name2[160], shm[128], gone[160];
  snprintf(name, sizeof name, "%s", tmp_path("tmpf"));
  snprintf(name2, sizeof name2, "%s-2", name);
  snprintf(gone, sizeof gone, "%s-gone", name);
  snprintf(shm, sizeof shm, "/dev/shm/aramid-contract-tmpf-%d", (int)getpid());
  umask(027);
  int fd = open("/tmp", O_TMPFILE | O_RDWR, 0666);
  expect_ok("O_TMPFILE", fd);
  struct stat st;
  fstat(fd, &st);
  expect_eq("nlink before", st.st_nlink, 0);
  printf("mode %o regular %d\n", st.st_mode & 0777, S_ISREG(st.st_mode));
  expect_eq("write", write(fd, "tmpdata", 7), 7);
  expect_ok("linkat AT_EMPTY_PATH", linkat(fd, "", AT_FDCWD, name, AT_EMPTY_PATH));
  fstat(fd, &st);
  expect_eq("nlink after", st.st_nlink, 1);
  expect_err("link to taken name", linkat(fd, "", AT_FDCWD, name, AT_EMPTY_PATH), EEXIST);
  expect_ok("second name", linkat(fd, "", AT_FDCWD, name2, AT_EMPTY_PATH));
  fstat(fd, &st);
  expect_eq("nlink two", st.st_nlink, 2);
  expect_err("into another fs", linkat(fd, "", AT_FDCWD, shm, AT_EMPTY_PATH), EXDEV);
  expect_err("empty path without flag", linkat(fd, "", AT_FDCWD, gone, 0), ENOENT);
  char buf[16] = {0};
  int r = open(name, O_RDONLY);
  expect_eq("read by name", read(r, buf, sizeof buf), 7);
  printf("content %s\n", buf);
  close(r);
  close(fd);

  int x = open("/tmp", O_TMPFILE | O_RDWR | O_EXCL, 0600);
  expect_ok("O_TMPFILE|O_EXCL", x);
  expect_err("link O_EXCL tmpfile", linkat(x, "", AT_FDCWD, gone, AT_EMPTY_PATH), ENOENT);
  close(x);

  int u = open(gone, O_CREAT | O_RDWR, 0600);
  unlink(gone);
  expect_err("relink unlinked file", linkat(u, "", AT_FDCWD, gone, AT_EMPTY_PATH), ENOENT);
  close(u);

  expect_err("O_TMPFILE read-only", open("/tmp", O_TMPFILE | O_RDONLY, 0600), EINVAL);
  expect_err("O_TMPFILE missing dir", open("/tmp/aramid-no-such-dir/x", O_TMPFILE | O_RDWR, 0600), ENOENT);
  expect_err("O_TMPFILE on a file", open(name, O_TMPFILE | O_RDWR, 0600), ENOTDIR);
  expect_err("bad flag for linkat", linkat(AT_FDCWD, name, AT_FDCWD, gone, 0x8000000), EINVAL);
  unlink(name);
  unlink(name2);
  return contract_end("v2_tmpfile_link");
}
