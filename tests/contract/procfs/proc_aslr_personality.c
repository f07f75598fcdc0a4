#include "pf.h"
#include <sys/personality.h>
/* personality(2) and address-space randomisation: ADDR_NO_RANDOMIZE is kept
 * across fork and exec, clears PF_RANDOMIZE (stat field 9) and makes two
 * execs lay out stack, mmap area and break identically; without it each exec
 * is randomised. Children report through a pipe, so no address is printed. */
#define PF_RANDOMIZE 0x00400000UL

struct report {
  unsigned long flags, stack_end, mapped, brk;
  long persona;
  char proc_persona[16];
};

static int child(int fd) {
  static char maps[PF_BIG];
  struct report r;
  memset(&r, 0, sizeof r);
  struct pf_stat s;
  pf_stat(&s, "/proc/self/stat");
  r.flags = pf_fu(&s, 9);
  r.persona = personality(0xffffffff);
  pf_read("/proc/self/personality", r.proc_persona, sizeof r.proc_persona);
  pf_read("/proc/self/maps", maps, sizeof maps);
  char *line = strstr(maps, "[stack]");
  while (line && line > maps && line[-1] != '\n') line--;
  if (line) sscanf(line, "%*[0-9a-f]-%lx", &r.stack_end);
  r.mapped = (unsigned long)mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  r.brk = (unsigned long)sbrk(0);
  return write(fd, &r, sizeof r) == sizeof r ? 0 : 1;
}

static struct report run(const char *self) {
  int p[2];
  struct report r;
  memset(&r, 0, sizeof r);
  if (pipe(p) < 0) return r;
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    close(p[0]);
    char fd[16];
    snprintf(fd, sizeof fd, "%d", p[1]);
    char *av[] = {(char *)self, "child", fd, NULL};
    execv(self, av);
    _exit(127);
  }
  close(p[1]);
  if (read(p[0], &r, sizeof r) != sizeof r) memset(&r, 0, sizeof r);
  close(p[0]);
  int st;
  waitpid(pid, &st, 0);
  return r;
}

int main(int argc, char **argv) {
  if (argc > 2 && strcmp(argv[1], "child") == 0) return child(atoi(argv[2]));
  printf("start\n");
  static char text[64];
  pf_read("/proc/sys/kernel/randomize_va_space", text, sizeof text);
  printf("randomize_va_space: %s", text);
  expect_eq("personality query", personality(0xffffffff), PER_LINUX);
  expect_eq("set ADDR_NO_RANDOMIZE returns the old one", personality(PER_LINUX | ADDR_NO_RANDOMIZE), PER_LINUX);
  expect_eq("query after set", personality(0xffffffff), ADDR_NO_RANDOMIZE);
  pf_read("/proc/self/personality", text, sizeof text);
  printf("/proc/self/personality: %s", text);

  struct report a = run(argv[0]), b = run(argv[0]);
  check("child ran", a.persona != 0 || a.flags != 0);
  expect_eq("child personality after exec", a.persona, ADDR_NO_RANDOMIZE);
  printf("child /proc/self/personality: %s", a.proc_persona);
  check("no PF_RANDOMIZE without randomisation", (a.flags & PF_RANDOMIZE) == 0);
  check("same stack top", a.stack_end != 0 && a.stack_end == b.stack_end);
  check("same mmap placement", a.mapped == b.mapped);
  check("same break", a.brk == b.brk);

  expect_eq("back to PER_LINUX", personality(PER_LINUX), ADDR_NO_RANDOMIZE);
  struct report c = run(argv[0]), d = run(argv[0]);
  expect_eq("randomised child personality", c.persona, PER_LINUX);
  check("PF_RANDOMIZE with randomisation", (c.flags & PF_RANDOMIZE) != 0 && (d.flags & PF_RANDOMIZE) != 0);
  check("randomised execs differ", c.stack_end != d.stack_end || c.mapped != d.mapped || c.brk != d.brk);
  /* fork keeps the personality and the flag */
  personality(ADDR_NO_RANDOMIZE);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) _exit(personality(0xffffffff) == ADDR_NO_RANDOMIZE ? 0 : 1);
  int st = -1;
  waitpid(pid, &st, 0);
  check("fork keeps the personality", WIFEXITED(st) && WEXITSTATUS(st) == 0);
  return contract_end("proc_aslr_personality");
}
