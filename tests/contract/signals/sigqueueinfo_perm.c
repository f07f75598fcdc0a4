#include "../process/ptest.h"
int main(void) {
  int fds[2];
  pipe(fds);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) { block_sig(SIGUSR1); char ch; read(fds[0], &ch, 1); _exit(0); }
  siginfo_t si;
  memset(&si, 0, sizeof si);
  si.si_signo = SIGUSR1;
  si.si_code = SI_USER;
  expect_err("rt_sigqueueinfo other pid, SI_USER", syscall(SYS_rt_sigqueueinfo, c, SIGUSR1, &si), EPERM);
  si.si_code = SI_KERNEL;
  expect_err("rt_sigqueueinfo other pid, SI_KERNEL", syscall(SYS_rt_sigqueueinfo, c, SIGUSR1, &si), EPERM);
  si.si_code = SI_TKILL;
  expect_err("rt_sigqueueinfo other pid, SI_TKILL", syscall(SYS_rt_sigqueueinfo, c, SIGUSR1, &si), EPERM);
  si.si_code = SI_QUEUE;
  expect_ok("rt_sigqueueinfo other pid, SI_QUEUE", syscall(SYS_rt_sigqueueinfo, c, SIGUSR1, &si));
  si.si_code = -50;
  expect_ok("rt_sigqueueinfo other pid, code -50", syscall(SYS_rt_sigqueueinfo, c, SIGUSR1, &si));
  si.si_code = SI_TKILL;
  expect_err("rt_tgsigqueueinfo other, SI_TKILL", syscall(SYS_rt_tgsigqueueinfo, c, c, SIGUSR1, &si), EPERM);
  si.si_code = SI_QUEUE;
  expect_ok("rt_tgsigqueueinfo other, SI_QUEUE", syscall(SYS_rt_tgsigqueueinfo, c, c, SIGUSR1, &si));
  /* to ourselves any code is allowed */
  block_sig(SIGUSR1);
  si.si_code = SI_USER;
  expect_ok("rt_sigqueueinfo self, SI_USER", syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, &si));
  si.si_code = SI_KERNEL;
  expect_ok("rt_tgsigqueueinfo self, SI_KERNEL", syscall(SYS_rt_tgsigqueueinfo, getpid(), gettid(), SIGUSR1, &si));
  expect_ok("rt_sigqueueinfo signal 0 (probe)", syscall(SYS_rt_sigqueueinfo, getpid(), 0, &si));
  expect_err("rt_sigqueueinfo signal 65", syscall(SYS_rt_sigqueueinfo, getpid(), 65, &si), EINVAL);
  expect_err("rt_sigqueueinfo bad pointer", syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, BAD_PTR), EFAULT);
  si.si_code = SI_QUEUE;
  expect_err("rt_sigqueueinfo no such pid", syscall(SYS_rt_sigqueueinfo, 999999, SIGUSR1, &si), ESRCH);
  write(fds[1], "x", 1);
  waitpid(c, NULL, 0);
  /* kill() permission: a non-root process cannot signal another user's process */
  fflush(stdout);
  c = fork();
  if (c == 0) {
    if (setresuid(54321, 54321, 54321) < 0) _exit(9);
    _exit(kill(getppid(), 0) < 0 && errno == EPERM ? 0 : 1);
  }
  expect_status("unprivileged kill(root process, 0)", c, "exit 0");
  c = fork();
  if (c == 0) {
    if (setresuid(54321, 54321, 54321) < 0) _exit(9);
    siginfo_t s2;
    memset(&s2, 0, sizeof s2);
    s2.si_signo = SIGUSR1;
    s2.si_code = SI_QUEUE;
    _exit(syscall(SYS_rt_sigqueueinfo, getppid(), SIGUSR1, &s2) < 0 && errno == EPERM ? 0 : 1);
  }
  expect_status("unprivileged sigqueue to root", c, "exit 0");
  return contract_end("sigqueueinfo_perm");
}
