/* inotify watch lifetime: inotify_rm_watch queues IN_IGNORED, IN_ONESHOT
 * ends a watch after its first event, IN_MASK_ADD extends a mask while a
 * plain add replaces it, and closing the instance drops its watches. */
#include "inotify_helpers.h"
#include <sys/stat.h>

int main(void) {
  char dir[128], path[200];
  snprintf(dir, sizeof dir, "%s", tmp_path("inotify-oneshot"));
  snprintf(path, sizeof path, "%s/f", dir);
  mkdir(dir, 0755);
  int in = inotify_init1(IN_NONBLOCK);
  expect_eq("watch dir oneshot", inotify_add_watch(in, dir, IN_CREATE | IN_ONESHOT), 1);
  int fd = open(path, O_CREAT | O_RDWR, 0644);
  close(fd);
  unlink(path);
  fd = open(path, O_CREAT | O_RDWR, 0644);
  drain(in, "oneshot: create, create again");
  expect_err("oneshot wd gone", inotify_rm_watch(in, 1), EINVAL);

  expect_eq("watch file attrib", inotify_add_watch(in, path, IN_ATTRIB), 2);
  write(fd, "a", 1);
  fchmod(fd, 0600);
  drain(in, "attrib only: write, chmod");
  expect_eq("replace with modify", inotify_add_watch(in, path, IN_MODIFY), 2);
  write(fd, "a", 1);
  fchmod(fd, 0644);
  drain(in, "modify only: write, chmod");
  expect_eq("mask_add attrib", inotify_add_watch(in, path, IN_ATTRIB | IN_MASK_ADD), 2);
  write(fd, "a", 1);
  fchmod(fd, 0600);
  drain(in, "modify|attrib: write, chmod");

  expect_ok("rm_watch", inotify_rm_watch(in, 2));
  write(fd, "a", 1);
  drain(in, "rm_watch, write");

  expect_eq("dir watch", inotify_add_watch(in, dir, IN_OPEN | IN_CLOSE), 3);
  expect_eq("file watch", inotify_add_watch(in, path, IN_OPEN | IN_CLOSE | IN_ONESHOT), 4);
  close(open(path, O_RDONLY));
  drain(in, "open+close: the file's oneshot ends after OPEN");
  close(in);
  /* A new instance starts from wd 1; the closed one's watches are gone. */
  in = inotify_init1(IN_NONBLOCK);
  expect_eq("fresh wd", inotify_add_watch(in, path, IN_MODIFY), 1);
  write(fd, "b", 1);
  drain(in, "fresh instance");
  close(fd);
  close(in);
  unlink(path);
  rmdir(dir);
  return contract_end("inotify_oneshot");
}
