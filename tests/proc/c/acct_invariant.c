/* Prints /proc/stat's cpu columns and /proc/uptime around a compute phase
 * and a syscall phase, for tests/proc/accounting.test.ts to check the sums. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

static void dump(const char *tag) {
  char buf[4096];
  int fd = open("/proc/stat", O_RDONLY);
  int n = read(fd, buf, sizeof buf - 1);
  close(fd);
  buf[n > 0 ? n : 0] = 0;
  char *nl = strchr(buf, '\n');
  if (nl) *nl = 0;
  fd = open("/proc/uptime", O_RDONLY);
  char up[64];
  n = read(fd, up, sizeof up - 1);
  close(fd);
  up[n > 0 ? n : 0] = 0;
  printf("%s %s | %s", tag, buf, up);
}

static double cpu(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

int main(void) {
  dump("start");
  volatile unsigned long x = 0;
  double c0 = cpu();
  while (cpu() - c0 < 0.6) for (int i = 0; i < 100000; i++) x += i;
  dump("compute");
  c0 = cpu();
  /* uname: a call that copies a struct out, like most real syscalls (getppid
   * alone is so cheap here that the ecall boundary weighs as much as the call). */
  struct utsname u;
  while (cpu() - c0 < 0.6) for (int i = 0; i < 200; i++) syscall(SYS_uname, &u);
  dump("syscalls");
  usleep(300000);
  dump("sleep");
  return 0;
}
