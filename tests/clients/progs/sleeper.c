/* Sleeps in pause() until killed. */
#include <unistd.h>
int main(void) { for (;;) pause(); }
