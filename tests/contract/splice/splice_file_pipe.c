/* splice between a file and a pipe: with and without offset pointers. An
 * offset pointer moves *off and leaves the file position alone; without one
 * the file position moves. */
#include "contract.h"
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  char path[128], out[128], buf[64];
  strcpy(path, tmp_path("spl-in"));
  strcpy(out, tmp_path("spl-out"));
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
  expect_eq("write source", write(fd, "0123456789abcdefghij", 20), 20);
  lseek(fd, 0, SEEK_SET);
  int p[2];
  expect_ok("pipe", pipe(p));

  /* Without an offset: the file position moves. */
  expect_eq("splice file->pipe 5", splice(fd, NULL, p[1], NULL, 5, 0), 5);
  expect_eq("file position after", lseek(fd, 0, SEEK_CUR), 5);
  memset(buf, 0, sizeof buf);
  expect_eq("read pipe", read(p[0], buf, sizeof buf), 5);
  check("pipe holds 01234", memcmp(buf, "01234", 5) == 0);

  /* With an offset: *off moves, the position does not. */
  loff_t off = 10;
  expect_eq("splice file@10->pipe 4", splice(fd, &off, p[1], NULL, 4, 0), 4);
  expect_eq("off after", off, 14);
  expect_eq("file position unchanged", lseek(fd, 0, SEEK_CUR), 5);
  memset(buf, 0, sizeof buf);
  expect_eq("read pipe 2", read(p[0], buf, sizeof buf), 4);
  check("pipe holds abcd", memcmp(buf, "abcd", 4) == 0);

  /* More than the file has left: stops at EOF; at EOF 0. */
  off = 18;
  expect_eq("splice near EOF", splice(fd, &off, p[1], NULL, 100, 0), 2);
  expect_eq("off at EOF", off, 20);
  expect_eq("splice at EOF", splice(fd, &off, p[1], NULL, 100, 0), 0);
  expect_eq("drain", read(p[0], buf, sizeof buf), 2);

  /* pipe -> file without offset: written at the position, which moves. */
  int o = open(out, O_RDWR | O_CREAT | O_TRUNC, 0600);
  expect_eq("fill pipe", write(p[1], "hello world", 11), 11);
  expect_eq("splice pipe->file 5", splice(p[0], NULL, o, NULL, 5, 0), 5);
  expect_eq("out position", lseek(o, 0, SEEK_CUR), 5);
  /* pipe -> file at an offset: *off moves, the position does not. */
  off = 100;
  expect_eq("splice pipe->file@100", splice(p[0], NULL, o, &off, 64, 0), 6);
  expect_eq("out off after", off, 106);
  expect_eq("out position unchanged", lseek(o, 0, SEEK_CUR), 5);
  struct stat st;
  fstat(o, &st);
  expect_eq("out size", st.st_size, 106);
  memset(buf, 0, sizeof buf);
  expect_eq("pread out head", pread(o, buf, 5, 0), 5);
  check("head is hello", memcmp(buf, "hello", 5) == 0);
  expect_eq("pread out tail", pread(o, buf, 6, 100), 6);
  check("tail is ' world'", memcmp(buf, " world", 6) == 0);

  /* A pipe spliced to a pipe moves the data. */
  int q[2];
  expect_ok("pipe 2", pipe(q));
  expect_eq("fill pipe again", write(p[1], "xyz", 3), 3);
  expect_eq("splice pipe->pipe", splice(p[0], NULL, q[1], NULL, 10, 0), 3);
  int avail = -1;
  ioctl(p[0], FIONREAD, &avail);
  expect_eq("source pipe drained", avail, 0);
  memset(buf, 0, sizeof buf);
  expect_eq("read dest pipe", read(q[0], buf, sizeof buf), 3);
  check("dest holds xyz", memcmp(buf, "xyz", 3) == 0);

  /* A pipe spliced to a socket: like a write to it. */
  int sv[2];
  expect_ok("socketpair", socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
  expect_eq("fill pipe for socket", write(p[1], "sock", 4), 4);
  expect_eq("splice pipe->socket", splice(p[0], NULL, sv[0], NULL, 10, 0), 4);
  memset(buf, 0, sizeof buf);
  expect_eq("read socket", read(sv[1], buf, sizeof buf), 4);
  check("socket got sock", memcmp(buf, "sock", 4) == 0);

  /* EOF: no writers and empty → 0. */
  close(p[1]);
  expect_eq("splice pipe EOF -> file", splice(p[0], NULL, o, NULL, 10, 0), 0);
  expect_eq("splice pipe EOF -> pipe", splice(p[0], NULL, q[1], NULL, 10, 0), 0);

  unlink(path);
  unlink(out);
  return contract_end("splice_file_pipe");
}
