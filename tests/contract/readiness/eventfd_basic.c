/* eventfd2: counter and semaphore modes, blocking rules, poll readiness. */
#include "contract.h"
#include <poll.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <sys/wait.h>

int main(void) {
  uint64_t v = 0;
  expect_err("bad flags", syscall(SYS_eventfd2, 0, 0x40), EINVAL);
  int fd = eventfd(5, EFD_NONBLOCK | EFD_CLOEXEC);
  check("created", fd >= 0);
  expect_eq("cloexec", fcntl(fd, F_GETFD), FD_CLOEXEC);
  expect_eq("getfl", fcntl(fd, F_GETFL) & (O_ACCMODE | O_NONBLOCK), O_RDWR | O_NONBLOCK);
  expect_err("short read", read(fd, &v, 4), EINVAL);
  expect_eq("read 8", read(fd, &v, 8), 8);
  expect_eq("value", (long)v, 5);
  expect_err("empty read", read(fd, &v, 8), EAGAIN);
  v = 3;
  expect_eq("write", write(fd, &v, 8), 8);
  v = 4;
  expect_eq("write again", write(fd, &v, 8), 8);
  expect_err("short write", write(fd, &v, 7), EINVAL);
  v = UINT64_MAX;
  expect_err("write max", write(fd, &v, 8), EINVAL);
  v = UINT64_MAX - 1;
  expect_err("overflow", write(fd, &v, 8), EAGAIN);
  struct pollfd p = {fd, POLLIN | POLLOUT, 0};
  expect_eq("poll", poll(&p, 1, 0), 1);
  expect_eq("revents", p.revents, POLLIN | POLLOUT);
  expect_eq("read sum", read(fd, &v, 16), 8);
  expect_eq("sum", (long)v, 7);
  p.revents = 0;
  expect_eq("poll empty", poll(&p, 1, 0), 1);
  expect_eq("revents out", p.revents, POLLOUT);
  v = UINT64_MAX - 1;
  expect_eq("write near max", write(fd, &v, 8), 8);
  p.revents = 0;
  expect_eq("poll full", poll(&p, 1, 0), 1);
  expect_eq("revents in only", p.revents, POLLIN);
  expect_eq("lseek", lseek(fd, 0, SEEK_SET), 0);
  expect_err("pread", pread(fd, &v, 8, 0), ESPIPE);
  struct stat st;
  expect_eq("fstat", fstat(fd, &st), 0);
  expect_eq("mode", st.st_mode, 0600);
  close(fd);

  int s = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
  expect_eq("sem read 1", read(s, &v, 8), 8);
  expect_eq("sem value 1", (long)v, 1);
  expect_eq("sem read 2", read(s, &v, 8), 8);
  expect_eq("sem value 2", (long)v, 1);
  expect_err("sem empty", read(s, &v, 8), EAGAIN);
  close(s);

  /* A blocking read is woken by a write from a child. */
  int b = eventfd(0, 0);
  pid_t pid = fork();
  if (pid == 0) {
    usleep(20000);
    uint64_t one = 42;
    write(b, &one, 8);
    _exit(0);
  }
  expect_eq("blocking read", read(b, &v, 8), 8);
  expect_eq("woken value", (long)v, 42);
  waitpid(pid, NULL, 0);
  return contract_end("eventfd_basic");
}
