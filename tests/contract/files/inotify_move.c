/* inotify: rename gives IN_MOVED_FROM and IN_MOVED_TO with one shared cookie
 * (a new one per rename), IN_MOVE_SELF on the moved object, and a replaced
 * target loses its watch. */
#include "inotify_helpers.h"
#include <sys/stat.h>

static char a[160], b[160], fa[200], fb[200], fc[200], da[200], db[200];

int main(void) {
  snprintf(a, sizeof a, "%s-a", tmp_path("inotify-move"));
  snprintf(b, sizeof b, "%s-b", tmp_path("inotify-move"));
  snprintf(fa, sizeof fa, "%s/one", a);
  snprintf(fb, sizeof fb, "%s/two", b);
  snprintf(fc, sizeof fc, "%s/three", b);
  snprintf(da, sizeof da, "%s/d", a);
  snprintf(db, sizeof db, "%s/d2", b);
  mkdir(a, 0755);
  mkdir(b, 0755);
  close(open(fa, O_CREAT | O_WRONLY, 0644));
  close(open(fc, O_CREAT | O_WRONLY, 0644));
  mkdir(da, 0755);
  int in = inotify_init1(IN_NONBLOCK);
  expect_eq("watch a", inotify_add_watch(in, a, IN_MOVE | IN_CREATE | IN_DELETE), 1);
  expect_eq("watch b", inotify_add_watch(in, b, IN_MOVE | IN_CREATE | IN_DELETE), 2);
  expect_eq("watch file", inotify_add_watch(in, fa, IN_MOVE_SELF | IN_ATTRIB | IN_DELETE_SELF), 3);
  expect_eq("watch target", inotify_add_watch(in, fc, IN_ALL_EVENTS), 4);
  expect_eq("watch subdir", inotify_add_watch(in, da, IN_MOVE_SELF), 5);

  char buf[4096] __attribute__((aligned(8)));
  expect_ok("rename across", rename(fa, fb));
  ssize_t n = read(in, buf, sizeof buf);
  check("three events", n == 3 * 16 + 2 * 16);
  struct inotify_event *e1 = (struct inotify_event *)buf;
  struct inotify_event *e2 = (struct inotify_event *)(buf + sizeof *e1 + e1->len);
  struct inotify_event *e3 = (struct inotify_event *)((char *)e2 + sizeof *e2 + e2->len);
  check("from is MOVED_FROM one", e1->wd == 1 && e1->mask == IN_MOVED_FROM && strcmp(e1->name, "one") == 0);
  check("to is MOVED_TO two", e2->wd == 2 && e2->mask == IN_MOVED_TO && strcmp(e2->name, "two") == 0);
  check("cookies pair", e1->cookie != 0 && e1->cookie == e2->cookie);
  check("move self", e3->wd == 3 && e3->mask == IN_MOVE_SELF && e3->len == 0 && e3->cookie == 0);
  uint32_t first = e1->cookie;

  expect_ok("rename within", rename(fb, fc));
  n = read(in, buf, sizeof buf);
  e1 = (struct inotify_event *)buf;
  e2 = (struct inotify_event *)(buf + sizeof *e1 + e1->len);
  check("new cookie", e1->cookie != first && e1->cookie == e2->cookie);
  /* Print the rest in order (the replaced target's watch ends). */
  for (char *p = buf; p < buf + n;) {
    struct inotify_event *e = (struct inotify_event *)p;
    char m[256];
    mask_names(e->mask, m, sizeof m);
    printf("wd=%d %s %s%s\n", e->wd, m, e->len ? e->name : "-", e->cookie ? " cookie" : "");
    p += sizeof *e + e->len;
  }
  expect_ok("rename dir", rename(da, db));
  drain(in, "dir moved");
  unlink(fc);
  rmdir(db);
  drain(in, "cleanup");
  rmdir(a);
  rmdir(b);
  close(in);
  return contract_end("inotify_move");
}
