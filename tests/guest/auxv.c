/* NOT-DIFFERENTIAL: checks the initial process state the loader builds
 * (the stack layout argc/argv/envp/auxv straight from the entry point's
 * view via environ, and getauxval) and prints facts that are the same on
 * every riscv64 Linux: AT_PAGESZ, AT_CLKTCK, AT_RANDOM (16 bytes, not all
 * zero), AT_EXECFN (equals argv[0] for a path exec), AT_HWCAP (I M A F D
 * C), AT_PHDR/AT_PHENT/AT_PHNUM matching the program's own headers,
 * AT_ENTRY = _start, AT_UID..AT_EGID matching the credentials, AT_SECURE
 * 0, and that the auxv ends with AT_NULL right after envp's NULL. The last
 * line is AUXV_OK or AUXV_BAD. */
#include <elf.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern char **environ;
extern char _start[];
static int bad;

static void check(const char *what, int ok) {
  printf("%s: %s\n", what, ok ? "yes" : "no");
  if (!ok) bad = 1;
}

/* The auxv vector directly follows envp's terminating NULL. */
static Elf64_auxv_t *find_auxv(void) {
  char **e = environ;
  while (*e != NULL) e++;
  return (Elf64_auxv_t *)(e + 1);
}

static void hwcap(void) {
  unsigned long h = getauxval(AT_HWCAP);
  const char *letters = "imafdc";
  for (const char *l = letters; *l; l++) {
    char what[32];
    snprintf(what, sizeof what, "AT_HWCAP has %c", *l - 32);
    check(what, (h >> (*l - 'a')) & 1);
  }
}

static void headers(void) {
  const Elf64_Phdr *ph = (const Elf64_Phdr *)getauxval(AT_PHDR);
  unsigned long n = getauxval(AT_PHNUM);
  check("AT_PHENT is sizeof(Elf64_Phdr)", getauxval(AT_PHENT) == sizeof(Elf64_Phdr));
  check("AT_PHNUM > 0", n > 0);
  int has_load = 0, phdr_ok = 1;
  for (unsigned long i = 0; ph != NULL && i < n; i++) {
    if (ph[i].p_type == PT_LOAD) has_load = 1;
    if (ph[i].p_type == PT_PHDR && ph[i].p_vaddr != (uintptr_t)ph) phdr_ok = 0;
  }
  check("AT_PHDR points at program headers with a PT_LOAD", has_load);
  check("PT_PHDR agrees with AT_PHDR", phdr_ok);
  check("AT_ENTRY is _start", getauxval(AT_ENTRY) == (uintptr_t)_start);
}

int main(int argc, char **argv) {
  (void)argc;
  check("AT_PAGESZ 4096", getauxval(AT_PAGESZ) == 4096);
  check("sysconf page size 4096", sysconf(_SC_PAGESIZE) == 4096);
  check("AT_CLKTCK 100", getauxval(AT_CLKTCK) == 100);
  const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
  int nz = 0;
  for (int i = 0; rnd != NULL && i < 16; i++) nz |= rnd[i];
  check("AT_RANDOM 16 bytes not all zero", rnd != NULL && nz != 0);
  const char *fn = (const char *)getauxval(AT_EXECFN);
  check("AT_EXECFN equals argv[0]", fn != NULL && strcmp(fn, argv[0]) == 0);
  printf("AT_EXECFN=%s\n", fn == NULL ? "(null)" : fn);
  hwcap();
  headers();
  check("AT_UID matches getuid", getauxval(AT_UID) == getuid());
  check("AT_EUID matches geteuid", getauxval(AT_EUID) == geteuid());
  check("AT_GID matches getgid", getauxval(AT_GID) == getgid());
  check("AT_EGID matches getegid", getauxval(AT_EGID) == getegid());
  check("AT_SECURE 0", getauxval(AT_SECURE) == 0);
  Elf64_auxv_t *a = find_auxv();
  int count = 0, has_pagesz = 0;
  for (; a->a_type != AT_NULL && count < 64; a++, count++)
    if (a->a_type == AT_PAGESZ) has_pagesz = 1;
  check("auxv follows envp and ends with AT_NULL", count < 64 && has_pagesz);
  check("stack pointer 16-byte aligned at argv", ((uintptr_t)(argv - 1) & 15) == 0);
  puts(bad ? "AUXV_BAD" : "AUXV_OK");
  return bad;
}
