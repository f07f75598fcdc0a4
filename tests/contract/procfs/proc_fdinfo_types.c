#include "pf.h"
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
/* fdinfo: flags printed as "0%o" (no padding), O_CLOEXEC from the fd flag,
 * and the extra lines eventfd, epoll, timerfd and signalfd add. */
static char buf[4096];
static void load(int fd) {
  char path[64];
  snprintf(path, sizeof path, "/proc/self/fdinfo/%d", fd);
  pf_read(path, buf, sizeof buf);
}
static void show_key(const char *tag, const char *key) {
  char v[256];
  int found = pf_key(buf, key, v, sizeof v);
  printf("%s %s: %s\n", tag, key, found ? v : "(absent)");
}
static int cmp_line(const void *a, const void *b) {
  return strcmp((const char *)a, (const char *)b);
}
/* Prints every line after ino: (the per-type part), cutting epoll's
 * machine-specific " ino:" and "sdev:" tail; sorted, since epoll lists its
 * items in the order of their struct file addresses. */
static void show_extra(const char *tag) {
  static char lines[16][256];
  int nl = 0;
  char *p = strstr(buf, "\nino:\t");
  p = p ? strchr(p + 1, '\n') : NULL;
  while (p && p[1] && nl < 16) {
    char *line = lines[nl++];
    char *e = strchr(p + 1, '\n');
    size_t n = e ? (size_t)(e - p - 1) : strlen(p + 1);
    if (n >= 256) n = 255;
    memcpy(line, p + 1, n);
    line[n] = 0;
    char *cut = strstr(line, " ino:");
    if (cut) *cut = 0;
    if (strncmp(line, "eventfd-id:", 11) == 0) strcpy(line, "eventfd-id: (id)");
    p = e;
  }
  qsort(lines, nl, sizeof lines[0], cmp_line);
  for (int i = 0; i < nl; i++) printf("%s extra: [%s]\n", tag, lines[i]);
}
int main(void) {
  int p[2];
  pipe(p);
  load(p[0]);
  show_key("pipe", "flags");
  load(p[1]);
  show_key("pipe write", "flags");
  fcntl(p[1], F_SETFD, FD_CLOEXEC);
  load(p[1]);
  show_key("pipe write cloexec", "flags");
  int e = eventfd(5, EFD_NONBLOCK | EFD_SEMAPHORE);
  load(e);
  show_key("eventfd", "flags");
  show_extra("eventfd");
  uint64_t one = 1;
  write(e, &one, sizeof one);
  load(e);
  show_extra("eventfd+1");
  int ep = epoll_create1(EPOLL_CLOEXEC);
  struct epoll_event ev = { .events = EPOLLIN | EPOLLET, .data.u64 = 0x1234 };
  epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
  ev.events = EPOLLOUT;
  ev.data.u64 = 7;
  epoll_ctl(ep, EPOLL_CTL_ADD, e, &ev);
  load(ep);
  show_key("epoll", "flags");
  show_extra("epoll");
  int tf = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
  load(tf);
  show_key("timerfd", "flags");
  show_extra("timerfd idle");
  struct itimerspec its = { .it_value = { 1000, 0 }, .it_interval = { 2, 500 } };
  timerfd_settime(tf, 0, &its, NULL);
  load(tf);
  show_key("timerfd armed", "clockid");
  show_key("timerfd armed", "ticks");
  show_key("timerfd armed", "settime flags");
  show_key("timerfd armed", "it_interval");
  check("timerfd it_value counts down from 1000 s", strstr(buf, "it_value: (99") != NULL);
  sigset_t ss;
  sigemptyset(&ss);
  sigaddset(&ss, SIGUSR1);
  sigaddset(&ss, SIGTERM);
  sigaddset(&ss, SIGRTMIN + 1);
  int sf = signalfd(-1, &ss, SFD_CLOEXEC);
  load(sf);
  show_key("signalfd", "flags");
  show_extra("signalfd");
  return contract_end("proc_fdinfo_types");
}
