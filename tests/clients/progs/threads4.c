/* Four threads (main + 3), all sleeping. */
#include <pthread.h>
#include <unistd.h>
static void *t(void *a) { (void)a; for (;;) pause(); return 0; }
int main(void) { pthread_t x; for (int i = 0; i < 3; i++) pthread_create(&x, 0, t, 0); for (;;) pause(); }
