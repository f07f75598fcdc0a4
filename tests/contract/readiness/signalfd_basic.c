/* signalfd4: masked signals are read as records instead of delivered; poll, epoll, blocking. */
#include "contract.h"
#include <signal.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/wait.h>

static volatile int handled;
static void on_usr2(int s) { (void)s; handled++; }

int main(void) {
  sigset_t m;
  struct signalfd_siginfo si[3];
  sigemptyset(&m);
  sigaddset(&m, SIGUSR1);
  sigaddset(&m, SIGRTMIN + 1);
  sigaddset(&m, SIGCHLD);
  sigprocmask(SIG_BLOCK, &m, NULL);
  expect_err("bad flags", syscall(SYS_signalfd4, -1, &m, 8, 1), EINVAL);
  expect_err("bad size", syscall(SYS_signalfd4, -1, &m, 4, 0), EINVAL);
  expect_err("bad mask ptr", syscall(SYS_signalfd4, -1, BAD_PTR, 8, 0), EFAULT);
  expect_err("not a signalfd", signalfd(open("hello.txt", O_RDONLY), &m, 0), EINVAL);
  expect_err("bad fd", signalfd(99, &m, 0), EBADF);
  int fd = signalfd(-1, &m, SFD_NONBLOCK | SFD_CLOEXEC);
  check("created", fd >= 0);
  expect_eq("cloexec", fcntl(fd, F_GETFD), FD_CLOEXEC);
  expect_err("nothing pending", read(fd, si, sizeof si[0]), EAGAIN);
  expect_err("short read", read(fd, si, 100), EINVAL);

  raise(SIGUSR1);
  union sigval sv = {.sival_int = 1234};
  sigqueue(getpid(), SIGRTMIN + 1, sv);
  struct epoll_event ev = {EPOLLIN, {.u32 = 1}}, out[2];
  int ep = epoll_create1(0);
  epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
  expect_eq("epoll ready", epoll_wait(ep, out, 2, 0), 1);
  expect_eq("read two", read(fd, si, sizeof si), 2 * (long)sizeof si[0]);
  expect_eq("first signo", si[0].ssi_signo, SIGUSR1);
  expect_eq("first code", si[0].ssi_code, SI_TKILL);
  check("first pid", si[0].ssi_pid == (uint32_t)getpid());
  check("first uid", si[0].ssi_uid == getuid());
  expect_eq("second signo", si[1].ssi_signo, SIGRTMIN + 1);
  expect_eq("second code", si[1].ssi_code, SI_QUEUE);
  expect_eq("second int", si[1].ssi_int, 1234);
  expect_eq("epoll drained", epoll_wait(ep, out, 2, 0), 0);
  sigset_t pend;
  sigpending(&pend);
  expect_eq("no longer pending", sigismember(&pend, SIGUSR1), 0);

  /* A signal outside the mask is delivered as usual. */
  signal(SIGUSR2, on_usr2);
  raise(SIGUSR2);
  expect_eq("usr2 handled", handled, 1);
  expect_err("usr2 not read", read(fd, si, sizeof si[0]), EAGAIN);

  /* Changing the mask of an existing signalfd. */
  sigset_t only;
  sigemptyset(&only);
  sigaddset(&only, SIGRTMIN + 1);
  expect_eq("update mask", signalfd(fd, &only, 0), fd);
  raise(SIGUSR1);
  expect_err("usr1 now outside", read(fd, si, sizeof si[0]), EAGAIN);
  signalfd(fd, &m, 0);
  expect_eq("usr1 back", read(fd, si, sizeof si[0]), (long)sizeof si[0]);
  expect_eq("usr1 signo", si[0].ssi_signo, SIGUSR1);

  /* Blocking read woken by a child's exit (SIGCHLD). */
  int b = signalfd(-1, &m, 0);
  pid_t pid = fork();
  if (pid == 0) {
    usleep(20000);
    _exit(7);
  }
  expect_eq("blocking read", read(b, si, sizeof si[0]), (long)sizeof si[0]);
  expect_eq("chld signo", si[0].ssi_signo, SIGCHLD);
  expect_eq("chld code", si[0].ssi_code, CLD_EXITED);
  expect_eq("chld status", si[0].ssi_status, 7);
  check("chld pid", si[0].ssi_pid == (uint32_t)pid);
  waitpid(pid, NULL, 0);

  /* A kill from another process wakes epoll_wait on the signalfd. */
  pid = fork();
  if (pid == 0) {
    usleep(20000);
    kill(getppid(), SIGUSR1);
    _exit(0);
  }
  expect_eq("epoll woken", epoll_wait(ep, out, 2, 5000), 1);
  expect_eq("kill read", read(fd, si, sizeof si[0]), (long)sizeof si[0]);
  expect_eq("kill signo", si[0].ssi_signo, SIGUSR1);
  expect_eq("kill code", si[0].ssi_code, SI_USER);
  waitpid(pid, NULL, 0);
  read(fd, si, sizeof si); /* a SIGCHLD may be there */
  return contract_end("signalfd_basic");
}
