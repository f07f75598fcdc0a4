/* Forks a child that exits at once and never reaps it (a zombie). */
#include <unistd.h>
int main(void) { if (fork() == 0) _exit(0); for (;;) pause(); }
