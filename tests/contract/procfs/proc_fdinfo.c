#include "pf.h"
/* fdinfo: pos and octal flags lines, key order. */
static void show(const char *tag, int fd) {
  char path[64];
  static char buf[1024];
  snprintf(path, sizeof path, "/proc/self/fdinfo/%d", fd);
  pf_read(path, buf, sizeof buf);
  char v[64];
  pf_key(buf, "pos", v, sizeof v);
  printf("%s pos: %s\n", tag, v);
  pf_key(buf, "flags", v, sizeof v);
  printf("%s flags: %s\n", tag, v);
  check("first line is pos:\\t", strncmp(buf, "pos:\t", 5) == 0);
  char *l2 = strchr(buf, '\n');
  check("second line is flags:\\t", l2 && strncmp(l2 + 1, "flags:\t0", 8) == 0);
  char *l3 = l2 ? strchr(l2 + 1, '\n') : NULL;
  check("third line is mnt_id:\\t", l3 && strncmp(l3 + 1, "mnt_id:\t", 8) == 0);
  check("has ino:\\t", strstr(buf, "\nino:\t") != NULL);
}
int main(void) {
  int f = open("hello.txt", O_RDONLY);
  lseek(f, 5, SEEK_SET);
  show("rdonly+5", f);
  int c = open("hello.txt", O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  show("cloexec nonblock", c);
  const char *tp = tmp_path("fdi");
  int w = open(tp, O_CREAT | O_WRONLY | O_APPEND | O_TRUNC, 0600);
  write(w, "abcdef", 6);
  show("wronly append", w);
  int rw = open(tp, O_RDWR | O_SYNC);
  show("rdwr sync", rw);
  fcntl(f, F_SETFD, FD_CLOEXEC);
  show("after F_SETFD", f);
  fcntl(f, F_SETFL, O_NONBLOCK);
  show("after F_SETFL", f);
  int p[2];
  pipe2(p, O_CLOEXEC);
  show("pipe read", p[0]);
  show("pipe write", p[1]);
  int d = open("dir", O_RDONLY | O_DIRECTORY);
  show("directory", d);
  int dup = fcntl(f, F_DUPFD, 10);
  show("dup shares pos", dup);
  unlink(tp);
  return contract_end("proc_fdinfo");
}
