#define _GNU_SOURCE
/* Drops to uid/gid 1000 then sleeps. */
#include <unistd.h>
int main(void) { if (setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000)) return 1; for (;;) pause(); }
