/* Blocking FIFO opens: a writer waits for a reader and a reader for a
 * writer (in either order), a writer that opened and closed while the reader
 * waited still releases it (EOF at once), and O_RDWR never waits. */
#include "contract.h"
#include <sys/stat.h>
#include <sys/wait.h>

int main(void) {
  char f[128];
  snprintf(f, sizeof f, "%s", tmp_path("fifoblk"));
  expect_ok("mkfifo", mkfifo(f, 0600));
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    int w = open(f, O_WRONLY); /* waits for the parent's reader */
    write(w, "hello", 5);
    close(w);
    _exit(w >= 0 ? 0 : 1);
  }
  usleep(20000);
  int r = open(f, O_RDONLY);
  expect_ok("reader open", r);
  char buf[16] = {0};
  int n = 0, got;
  while ((got = read(r, buf + n, sizeof buf - 1 - n)) > 0) n += got;
  printf("read %d: %s\n", n, buf);
  close(r);
  int status;
  waitpid(pid, &status, 0);
  expect_eq("writer exit", WEXITSTATUS(status), 0);
  fflush(stdout);
  pid = fork();
  if (pid == 0) {
    usleep(20000);
    int w = open(f, O_WRONLY);
    close(w);
    _exit(0);
  }
  r = open(f, O_RDONLY); /* waits for the child's brief writer */
  expect_ok("reader open 2", r);
  expect_eq("eof after writer left", read(r, buf, sizeof buf), 0);
  close(r);
  waitpid(pid, &status, 0);
  int rw = open(f, O_RDWR);
  expect_ok("O_RDWR does not wait", rw);
  close(rw);
  expect_ok("unlink", unlink(f));
  return contract_end("vfs_fifo_block");
}
