/* Helpers for the inotify contract tests: names for event masks and a
 * reader that prints every queued event as "wd=N MASK name" (wd numbers are
 * allocated 1, 2, … per instance, so they are the same on every Linux). */
#ifndef INOTIFY_HELPERS_H
#define INOTIFY_HELPERS_H
#include "contract.h"
#include <sys/inotify.h>
#include <sys/ioctl.h>

static __attribute__((unused)) void mask_names(unsigned mask, char *out, size_t size) {
  static const struct { unsigned bit; const char *name; } names[] = {
    {IN_ACCESS, "ACCESS"}, {IN_MODIFY, "MODIFY"}, {IN_ATTRIB, "ATTRIB"}, {IN_CLOSE_WRITE, "CLOSE_WRITE"},
    {IN_CLOSE_NOWRITE, "CLOSE_NOWRITE"}, {IN_OPEN, "OPEN"}, {IN_MOVED_FROM, "MOVED_FROM"}, {IN_MOVED_TO, "MOVED_TO"},
    {IN_CREATE, "CREATE"}, {IN_DELETE, "DELETE"}, {IN_DELETE_SELF, "DELETE_SELF"}, {IN_MOVE_SELF, "MOVE_SELF"},
    {IN_UNMOUNT, "UNMOUNT"}, {IN_Q_OVERFLOW, "Q_OVERFLOW"}, {IN_IGNORED, "IGNORED"}, {IN_ISDIR, "ISDIR"},
  };
  out[0] = 0;
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    if (!(mask & names[i].bit)) continue;
    if (out[0]) strncat(out, "|", size - strlen(out) - 1);
    strncat(out, names[i].name, size - strlen(out) - 1);
    mask &= ~names[i].bit;
  }
  if (mask) snprintf(out + strlen(out), size - strlen(out), "|0x%x", mask);
}

/* Reads what is queued on the non-blocking instance `fd` and prints one line per
 * event; returns the number of events. Cookies are printed as "cookie" when set. */
static __attribute__((unused)) int drain(int fd, const char *label) {
  char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
  int count = 0;
  printf("-- %s\n", label);
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno != EAGAIN) printf("read: %s\n", errno_name(errno));
      break;
    }
    for (char *p = buf; p < buf + n;) {
      struct inotify_event *e = (struct inotify_event *)p;
      char m[256];
      mask_names(e->mask, m, sizeof m);
      printf("wd=%d %s%s%s%s\n", e->wd, m, e->len ? " " : "", e->len ? e->name : "", e->cookie ? " cookie" : "");
      p += sizeof *e + e->len;
      count++;
    }
  }
  return count;
}
#endif
