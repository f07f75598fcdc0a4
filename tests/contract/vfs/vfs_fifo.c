/* mknodat: a FIFO carries data between two opens of its name; a
 * non-blocking writer with no reader gets ENXIO; EEXIST, EINVAL for a bad
 * type, EPERM for a directory type; a regular file via mknod. */
#include "contract.h"
#include <sys/stat.h>

int main(void) {
  char f[128], r[160];
  snprintf(f, sizeof f, "%s", tmp_path("fifo"));
  snprintf(r, sizeof r, "%s-reg", f);
  expect_ok("mkfifo", mknod(f, S_IFIFO | 0600, 0));
  struct stat st;
  stat(f, &st);
  check("is fifo", S_ISFIFO(st.st_mode));
  expect_err("mknod again", mknod(f, S_IFIFO | 0600, 0), EEXIST);
  expect_err("writer without reader", open(f, O_WRONLY | O_NONBLOCK), ENXIO);
  int rd = open(f, O_RDONLY | O_NONBLOCK);
  expect_ok("open reader", rd);
  int wr = open(f, O_WRONLY | O_NONBLOCK);
  expect_ok("open writer", wr);
  expect_eq("write", write(wr, "ping", 4), 4);
  char buf[8] = {0};
  expect_eq("read", read(rd, buf, sizeof buf), 4);
  printf("got %s\n", buf);
  expect_err("lseek fifo", lseek(rd, 0, SEEK_SET), ESPIPE);
  close(wr);
  expect_eq("eof", read(rd, buf, sizeof buf), 0);
  close(rd);
  expect_err("bad type", mknod(r, 0170000 | 0600, 0), EINVAL);
  expect_err("dir type", mknod(r, S_IFDIR | 0600, 0), EPERM);
  expect_ok("regular via mknod", mknod(r, S_IFREG | 0600, 0));
  stat(r, &st);
  check("is regular", S_ISREG(st.st_mode));
  unlink(r);
  expect_ok("unlink", unlink(f));
  return contract_end("vfs_fifo");
}
