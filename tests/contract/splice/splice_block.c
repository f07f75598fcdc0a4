/* splice and tee sleep like read/write: on an empty input pipe with writers,
 * and on a full output pipe, until the other side acts. */
#include "contract.h"
#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  char path[128];
  strcpy(path, tmp_path("splblk"));
  int f = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
  int p[2], q[2];
  pipe(p);
  pipe(q);

  /* Empty input with a writer: splice waits for the child's write. */
  pid_t c = fork();
  if (c == 0) {
    usleep(100000);
    write(p[1], "late", 4);
    _exit(0);
  }
  expect_eq("splice waits for data", splice(p[0], NULL, f, NULL, 64, 0), 4);
  waitpid(c, NULL, 0);
  char buf[8] = {0};
  expect_eq("pread", pread(f, buf, 4, 0), 4);
  check("file holds late", memcmp(buf, "late", 4) == 0);

  /* tee waits the same way. */
  c = fork();
  if (c == 0) {
    usleep(100000);
    write(p[1], "tee!", 4);
    _exit(0);
  }
  expect_eq("tee waits for data", tee(p[0], q[1], 64, 0), 4);
  waitpid(c, NULL, 0);
  memset(buf, 0, sizeof buf);
  expect_eq("read tee copy", read(q[0], buf, sizeof buf), 4);
  check("copy is tee!", memcmp(buf, "tee!", 4) == 0);
  expect_eq("read original", read(p[0], buf, sizeof buf), 4);

  /* Full output: splice from the file waits until the child drains it. */
  fcntl(q[1], F_SETFL, O_NONBLOCK);
  static char big[65536];
  long filled = 0, r;
  while ((r = write(q[1], big, sizeof big)) > 0) filled += r;
  fcntl(q[1], F_SETFL, 0);
  expect_eq("pipe full", filled, 65536);
  c = fork();
  if (c == 0) {
    usleep(100000);
    static char sink[65536];
    long got = 0;
    while (got < 65536) {
      long n = read(q[0], sink, sizeof sink);
      if (n <= 0) break;
      got += n;
    }
    _exit(got == 65536 ? 0 : 1);
  }
  loff_t off = 0;
  expect_eq("splice waits for room", splice(f, &off, q[1], NULL, 4, 0), 4);
  int st = -1;
  waitpid(c, &st, 0);
  check("child drained", WIFEXITED(st) && WEXITSTATUS(st) == 0);
  memset(buf, 0, sizeof buf);
  expect_eq("read spliced", read(q[0], buf, sizeof buf), 4);
  check("spliced late", memcmp(buf, "late", 4) == 0);
  unlink(path);
  return contract_end("splice_block");
}
