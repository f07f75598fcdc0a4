/* Open file descriptions: dup and fork share the offset and status flags
 * (F_SETFL O_APPEND/O_NONBLOCK seen through the other fd) but not
 * FD_CLOEXEC; a second open of the same file has its own offset; a child's
 * reads and writes move the parent's offset; pwrite on an O_APPEND fd
 * appends and leaves the offset alone; pread does not move it; O_APPEND
 * with lseek back still writes at the end. */
#include "contract.h"
#include <sys/stat.h>
#include <sys/wait.h>

int main(void) {
  char f[128];
  snprintf(f, sizeof f, "%s", tmp_path("ofd"));
  int a = open(f, O_CREAT | O_RDWR | O_TRUNC, 0600);
  write(a, "abcdefghij", 10);
  int b = dup(a);
  expect_eq("dup shares offset", lseek(b, 0, SEEK_CUR), 10);
  lseek(b, 3, SEEK_SET);
  expect_eq("seek via dup seen", lseek(a, 0, SEEK_CUR), 3);
  fcntl(a, F_SETFL, O_APPEND | O_NONBLOCK);
  int fl = fcntl(b, F_GETFL);
  check("status flags shared", (fl & O_APPEND) && (fl & O_NONBLOCK));
  fcntl(a, F_SETFL, 0);
  fcntl(a, F_SETFD, FD_CLOEXEC);
  expect_eq("cloexec not shared", fcntl(b, F_GETFD), 0);
  int c = open(f, O_RDONLY);
  expect_eq("reopen has own offset", lseek(c, 0, SEEK_CUR), 0);
  char buf[16] = {0};
  read(c, buf, 2);
  expect_eq("reading reopen leaves shared offset", lseek(a, 0, SEEK_CUR), 3);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    char x[4];
    read(a, x, 2);          /* offset 3 -> 5 */
    write(b, "XY", 2);      /* at 5 -> 7 */
    _exit(0);
  }
  waitpid(pid, NULL, 0);
  expect_eq("child moved the offset", lseek(a, 0, SEEK_CUR), 7);
  memset(buf, 0, sizeof buf);
  pread(c, buf, 10, 0);
  printf("content %s\n", buf);
  expect_eq("pread leaves offset", lseek(c, 0, SEEK_CUR), 2);
  int ap = open(f, O_WRONLY | O_APPEND);
  lseek(ap, 1, SEEK_SET);
  expect_eq("pwrite on O_APPEND", pwrite(ap, "PW", 2, 0), 2);
  expect_eq("offset kept by pwrite", lseek(ap, 0, SEEK_CUR), 1);
  struct stat st;
  fstat(ap, &st);
  expect_eq("appended", st.st_size, 12);
  lseek(ap, 0, SEEK_SET);
  write(ap, "Z", 1);
  expect_eq("append write moves offset to end", lseek(ap, 0, SEEK_CUR), 13);
  memset(buf, 0, sizeof buf);
  pread(c, buf, 13, 0);
  printf("content %s\n", buf);
  close(a); close(b); close(c); close(ap);
  unlink(f);
  return contract_end("v2_ofd_share");
}
