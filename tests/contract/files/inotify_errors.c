/* inotify_init1, inotify_add_watch and inotify_rm_watch errors: bad flags,
 * masks without events, descriptors that are not inotify instances, missing
 * paths, IN_ONLYDIR, IN_DONT_FOLLOW, IN_MASK_CREATE and unreadable files. */
#include "inotify_helpers.h"
#include <sys/stat.h>
#include <sys/wait.h>

int main(void) {
  char dir[128], file[160], lnk[160], missing[160];
  snprintf(dir, sizeof dir, "%s", tmp_path("inotify-errors"));
  snprintf(file, sizeof file, "%s/file", dir);
  snprintf(lnk, sizeof lnk, "%s/link", dir);
  snprintf(missing, sizeof missing, "%s/missing/x", dir);
  mkdir(dir, 0755);
  close(open(file, O_CREAT | O_WRONLY, 0600));
  symlink("file", lnk);

  expect_err("init1 bad flags", syscall(SYS_inotify_init1, 1), EINVAL);
  expect_err("init1 O_RDWR", syscall(SYS_inotify_init1, O_RDWR), EINVAL);
  int in = inotify_init1(0);
  expect_ok("init1 0", in);
  expect_eq("not cloexec", fcntl(in, F_GETFD), 0);
  expect_err("no events", inotify_add_watch(in, dir, 0), EINVAL);
  expect_err("unknown bit", inotify_add_watch(in, dir, IN_MODIFY | 0x00800000), EINVAL);
  expect_err("unknown bit beats bad fd", inotify_add_watch(99, dir, IN_MODIFY | 0x00800000), EINVAL);
  expect_err("add and create", inotify_add_watch(in, dir, IN_MODIFY | IN_MASK_ADD | IN_MASK_CREATE), EINVAL);
  expect_err("bad fd", inotify_add_watch(99, dir, IN_MODIFY), EBADF);
  expect_err("no events beats bad fd", inotify_add_watch(99, dir, 0), EINVAL);
  int plain = open(file, O_RDONLY);
  expect_err("not inotify", inotify_add_watch(plain, dir, IN_MODIFY), EINVAL);
  expect_err("not inotify beats missing path", inotify_add_watch(plain, missing, IN_MODIFY), EINVAL);
  expect_err("missing path", inotify_add_watch(in, missing, IN_MODIFY), ENOENT);
  expect_err("empty path", inotify_add_watch(in, "", IN_MODIFY), ENOENT);
  expect_err("bad path pointer", syscall(SYS_inotify_add_watch, in, BAD_PTR, IN_MODIFY), EFAULT);
  expect_err("file below file", inotify_add_watch(in, "hello.txt/x", IN_MODIFY), ENOTDIR);
  expect_err("onlydir on file", inotify_add_watch(in, file, IN_MODIFY | IN_ONLYDIR), ENOTDIR);
  expect_eq("onlydir on dir", inotify_add_watch(in, dir, IN_MODIFY | IN_ONLYDIR), 1);
  expect_eq("link followed", inotify_add_watch(in, lnk, IN_MODIFY), 2);
  expect_eq("file is the same", inotify_add_watch(in, file, IN_MODIFY), 2);
  expect_eq("dont_follow watches the link", inotify_add_watch(in, lnk, IN_MODIFY | IN_DONT_FOLLOW), 3);
  expect_err("mask_create on watched", inotify_add_watch(in, file, IN_ATTRIB | IN_MASK_CREATE), EEXIST);
  expect_eq("mask_create on new", inotify_add_watch(in, "hello.txt", IN_ATTRIB | IN_MASK_CREATE), 4);
  expect_eq("flags without events", inotify_add_watch(in, "empty", IN_ONESHOT), 5);
  expect_eq("isdir alone", inotify_add_watch(in, "empty", IN_ISDIR), 5);
  expect_eq("excl_unlink accepted", inotify_add_watch(in, "dir", IN_ATTRIB | IN_EXCL_UNLINK), 6);

  expect_err("rm bad fd", inotify_rm_watch(99, 1), EBADF);
  expect_err("rm not inotify", inotify_rm_watch(plain, 1), EINVAL);
  expect_err("rm unknown wd", inotify_rm_watch(in, 77), EINVAL);
  expect_err("rm negative wd", inotify_rm_watch(in, -1), EINVAL);
  expect_ok("rm wd 1", inotify_rm_watch(in, 1));
  expect_err("rm wd 1 again", inotify_rm_watch(in, 1), EINVAL);
  expect_eq("wds are not reused at once", inotify_add_watch(in, dir, IN_MODIFY), 7);
  /* rm_watch queued IN_IGNORED: a buffer smaller than that event is EINVAL. */
  char small[16];
  expect_ok("nonblock", fcntl(in, F_SETFL, O_NONBLOCK));
  expect_err("read 8", read(in, small, 8), EINVAL);
  expect_eq("read 16", read(in, small, 16), 16);
  struct inotify_event *ev = (struct inotify_event *)small;
  check("ignored wd 1", ev->wd == 1 && ev->mask == IN_IGNORED && ev->len == 0 && ev->cookie == 0);
  expect_err("read empty", read(in, small, 16), EAGAIN);

  /* Read permission is needed: an unprivileged child cannot watch a 0600 file of root's. */
  pid_t pid = fork();
  if (pid == 0) {
    if (setresgid(65534, 65534, 65534) || setresuid(65534, 65534, 65534)) _exit(2);
    int r = inotify_add_watch(in, file, IN_MODIFY);
    _exit(r < 0 && errno == EACCES ? 0 : 1);
  }
  int st;
  waitpid(pid, &st, 0);
  check("unreadable file: EACCES", WIFEXITED(st) && WEXITSTATUS(st) == 0);

  expect_err("pread", pread(in, small, sizeof small, 0), ESPIPE);
  expect_err("write", write(in, "x", 1), EBADF);
  struct stat sb;
  expect_ok("fstat", fstat(in, &sb));
  expect_eq("mode", sb.st_mode, 0600);
  close(plain);
  close(in);
  unlink(lnk);
  unlink(file);
  rmdir(dir);
  return contract_end("inotify_errors");
}
