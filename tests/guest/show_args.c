/* NOT-DIFFERENTIAL: prints argc, argv and selected environment variables
 * so the loader test can check what `aramid run` passed in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

int main(int argc, char **argv) {
  printf("argc=%d\n", argc);
  for (int i = 0; i < argc; i++) printf("argv[%d]=%s\n", i, argv[i]);
  printf("argv[argc]=%s\n", argv[argc] == NULL ? "NULL" : "not NULL");
  int n = 0;
  for (char **e = environ; *e != NULL; e++) {
    n++;
    if (strncmp(*e, "ARAMID_TEST", 11) == 0) printf("env %s\n", *e);
  }
  printf("envc>=0 %d\n", n >= 0);
  fprintf(stderr, "this line goes to stderr\n");
  return 0;
}
