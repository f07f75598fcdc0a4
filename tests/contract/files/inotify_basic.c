/* inotify: the events the VFS generates for a watched directory and a
 * watched file in it — create, open, modify, access, attrib, close, delete —
 * with names for the directory's watch, IN_ISDIR for subdirectories, the
 * same wd for the same inode, and IN_IGNORED when the file goes away. */
#include "inotify_helpers.h"
#include <sys/stat.h>
#include <dirent.h>

int main(void) {
  char dir[128], file[160], sub[160], other[160];
  snprintf(dir, sizeof dir, "%s", tmp_path("inotify-basic"));
  snprintf(file, sizeof file, "%s/f", dir);
  snprintf(sub, sizeof sub, "%s/sub", dir);
  snprintf(other, sizeof other, "%s/./f", dir);
  expect_ok("mkdir", mkdir(dir, 0755));
  int in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  expect_ok("init", in);
  expect_eq("cloexec", fcntl(in, F_GETFD), FD_CLOEXEC);
  expect_eq("getfl", fcntl(in, F_GETFL) & (O_ACCMODE | O_NONBLOCK), O_RDONLY | O_NONBLOCK);
  expect_eq("watch dir", inotify_add_watch(in, dir, IN_ALL_EVENTS), 1);
  char buf[64];
  expect_err("empty read", read(in, buf, sizeof buf), EAGAIN);

  int fd = open(file, O_WRONLY | O_CREAT | O_EXCL, 0644);
  expect_ok("create file", fd);
  drain(in, "create");
  expect_eq("watch file", inotify_add_watch(in, file, IN_ALL_EVENTS), 2);
  expect_eq("same inode same wd", inotify_add_watch(in, other, IN_ALL_EVENTS), 2);
  expect_eq("write", write(fd, "abc", 3), 3);
  expect_eq("write again", write(fd, "def", 3), 3);
  expect_eq("empty write", write(fd, "", 0), 0);
  close(fd);
  drain(in, "write x2, close");

  fd = open(file, O_RDONLY);
  expect_eq("read", read(fd, buf, 4), 4);
  expect_eq("read again", read(fd, buf, 4), 2);
  expect_eq("read at eof", read(fd, buf, 4), 0);
  close(fd);
  drain(in, "open, read, close");

  expect_ok("chmod", chmod(file, 0600));
  expect_ok("truncate", truncate(file, 1));
  expect_ok("utimes", utimensat(AT_FDCWD, file, NULL, 0));
  drain(in, "chmod, truncate, utimes");

  expect_ok("mkdir sub", mkdir(sub, 0755));
  int d = open(sub, O_RDONLY | O_DIRECTORY);
  close(d);
  expect_ok("rmdir sub", rmdir(sub));
  drain(in, "mkdir, open dir, rmdir");

  expect_ok("unlink", unlink(file));
  drain(in, "unlink");
  expect_err("rm_watch gone", inotify_rm_watch(in, 2), EINVAL);
  int fionread = -1;
  expect_ok("FIONREAD", ioctl(in, FIONREAD, &fionread));
  expect_eq("FIONREAD empty", fionread, 0);
  expect_ok("rmdir", rmdir(dir));
  expect_ok("FIONREAD after rmdir", ioctl(in, FIONREAD, &fionread));
  expect_eq("FIONREAD bytes", fionread, 32);
  drain(in, "rmdir watched dir");
  close(in);
  return contract_end("inotify_basic");
}
