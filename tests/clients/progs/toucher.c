/* toucher MIB MARKER: maps MIB MiB; on SIGUSR1 touches every page and
 * creates MARKER; sleeps until killed. */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
static volatile sig_atomic_t go;
static void h(int s) { (void)s; go = 1; }
int main(int argc, char **argv) {
  size_t len = (size_t)atoi(argc > 1 ? argv[1] : "32") << 20;
  signal(SIGUSR1, h);
  char *m = mmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED) return 1;
  madvise(m, len, MADV_NOHUGEPAGE);
  while (!go) pause();
  for (size_t i = 0; i < len; i += 4096) m[i] = 1;
  close(open(argc > 2 ? argv[2] : "/tmp/touched", O_CREAT | O_WRONLY, 0644));
  for (;;) pause();
}
