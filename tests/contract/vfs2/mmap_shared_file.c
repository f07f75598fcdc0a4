/* MAP_SHARED writable file mappings share the page cache with read(2) and
 * write(2): a store through the mapping is seen by read() at once, a write()
 * is seen through the mapping, two separate mappings (also in another
 * process) see each other's stores, a MAP_PRIVATE mapping made later sees
 * them, the data stays in the file after munmap, and truncation zeroes the
 * cut part. EACCES for a writable shared mapping of a read-only fd. */
#include "contract.h"
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>

int main(void) {
  char f[128];
  snprintf(f, sizeof f, "%s", tmp_path("mmapsh"));
  int fd = open(f, O_CREAT | O_RDWR | O_TRUNC, 0600);
  expect_ok("create", fd);
  char page[8192];
  memset(page, 'A', sizeof page);
  expect_eq("fill", write(fd, page, sizeof page), 8192);
  char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  check("mmap shared", m != MAP_FAILED);
  memcpy(m, "hello", 5);
  char buf[16] = {0};
  expect_eq("pread after store", pread(fd, buf, 5, 0), 5);
  printf("read sees: %s\n", buf);
  expect_eq("pwrite", pwrite(fd, "WORLD", 5, 4096), 5);
  printf("map sees: %.5s\n", m + 4096);
  char *m2 = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  check("second mapping", m2 != MAP_FAILED && m2 != m);
  printf("second sees: %.5s %.5s\n", m2, m2 + 4096);
  memcpy(m2 + 10, "two", 3);
  printf("first sees second: %.3s\n", m + 10);
  char *m3 = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 4096);
  check("offset mapping", m3 != MAP_FAILED);
  printf("offset mapping sees: %.5s\n", m3);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    int cfd = open(f, O_RDWR);
    char *c = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, cfd, 0);
    if (c == MAP_FAILED) _exit(2);
    int saw = memcmp(c, "hello", 5) == 0 && memcmp(c + 10, "two", 3) == 0;
    memcpy(c + 20, "child", 5);
    munmap(c, 8192);
    close(cfd);
    _exit(saw ? 0 : 1);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  expect_eq("child saw parent's stores", WEXITSTATUS(status), 0);
  printf("parent map sees child: %.5s\n", m + 20);
  memset(buf, 0, sizeof buf);
  pread(fd, buf, 5, 20);
  printf("read sees child: %s\n", buf);
  char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  check("private mapping", p != MAP_FAILED);
  printf("private sees: %.5s\n", p);
  memcpy(p, "PRIV!", 5);
  printf("shared unaffected by private store: %.5s\n", m);
  munmap(p, 4096);
  expect_ok("msync sync", msync(m, 8192, MS_SYNC));
  expect_ok("msync async", msync(m, 8192, MS_ASYNC));
  m[30] = 'Z';
  expect_ok("munmap first", munmap(m, 8192));
  expect_ok("munmap second", munmap(m2, 8192));
  expect_ok("munmap third", munmap(m3, 4096));
  close(fd);
  fd = open(f, O_RDWR);
  memset(buf, 0, sizeof buf);
  expect_eq("reopen read", pread(fd, buf, 1, 30), 1);
  printf("after munmap: %c\n", buf[0]);
  m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  expect_ok("ftruncate shrink", ftruncate(fd, 100));
  expect_ok("ftruncate grow", ftruncate(fd, 8192));
  printf("kept below cut: %.5s\n", m);
  check("zero after cut", m[200] == 0 && m[4096] == 0);
  memset(buf, 1, sizeof buf);
  pread(fd, buf, 4, 4096);
  check("file zero after cut", buf[0] == 0 && buf[3] == 0);
  struct stat st;
  fstat(fd, &st);
  expect_eq("size", st.st_size, 8192);
  munmap(m, 8192);
  close(fd);
  int ro = open(f, O_RDONLY);
  void *bad = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0);
  expect_err("shared writable on read-only fd", bad == MAP_FAILED ? -1 : 0, EACCES);
  close(ro);
  unlink(f);
  return contract_end("mmap_shared_file");
}
