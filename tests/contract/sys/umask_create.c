/* The umask applies to files created with openat(O_CREAT) in /tmp. */
#include <sys/stat.h>
#include "contract.h"

static void create_with(const char *what, mode_t mask, mode_t mode, long want) {
  struct stat st;
  const char *p = tmp_path("umask");
  syscall(SYS_umask, mask);
  int fd = (int)expect_ok(what, openat(AT_FDCWD, p, O_WRONLY | O_CREAT | O_EXCL, mode));
  if (fd < 0) return;
  expect_ok("  fstat", fstat(fd, &st));
  expect_eq("  permission bits", st.st_mode & 07777, want);
  close(fd);
  unlink(p);
}

int main(void) {
  create_with("0666 under 027", 027, 0666, 0640);
  create_with("0777 under 022", 022, 0777, 0755);
  create_with("0600 under 0", 0, 0600, 0600);
  create_with("0666 under 0777", 0777, 0666, 0);
  return contract_end("umask_create");
}
