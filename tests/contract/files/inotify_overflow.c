/* inotify queue limit: past max_queued_events (16384) events one
 * IN_Q_OVERFLOW (wd -1) ends the queue and later events are lost until the
 * queue is read; then events queue again. */
#include "inotify_helpers.h"
#include <sys/stat.h>

int main(void) {
  char path[128];
  snprintf(path, sizeof path, "%s", tmp_path("inotify-overflow"));
  close(open(path, O_CREAT | O_WRONLY, 0644));
  int in = inotify_init1(IN_NONBLOCK);
  expect_eq("watch", inotify_add_watch(in, path, IN_OPEN | IN_CLOSE_NOWRITE), 1);
  /* OPEN and CLOSE_NOWRITE alternate, so nothing merges. */
  for (int i = 0; i < 8300; i++) close(open(path, O_RDONLY));
  int q = 0;
  expect_ok("FIONREAD", ioctl(in, FIONREAD, &q));
  expect_eq("queued bytes", q, (16384 + 1) * 16);
  static char buf[65536] __attribute__((aligned(8)));
  long events = 0, overflows = 0, last_wd = 0, last_mask = 0, opens = 0;
  for (;;) {
    ssize_t n = read(in, buf, sizeof buf);
    if (n <= 0) break;
    for (char *p = buf; p < buf + n; p += sizeof(struct inotify_event) + ((struct inotify_event *)p)->len) {
      struct inotify_event *e = (struct inotify_event *)p;
      events++;
      if (e->mask == IN_Q_OVERFLOW) overflows++;
      if (e->mask == IN_OPEN) opens++;
      last_wd = e->wd;
      last_mask = e->mask;
    }
  }
  expect_eq("events", events, 16385);
  expect_eq("opens", opens, 8192);
  expect_eq("overflows", overflows, 1);
  expect_eq("last wd", last_wd, -1);
  check("last is overflow", last_mask == IN_Q_OVERFLOW);
  close(open(path, O_RDONLY));
  drain(in, "after reading");
  close(in);
  unlink(path);
  return contract_end("inotify_overflow");
}
