#include "../process/ptest.h"
#include <sys/fsuid.h>
int main(void) {
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    expect_eq("setfsuid(-1) query", setfsuid(-1), 0);
    expect_eq("setfsuid(1234) returns old", setfsuid(1234), 0);
    expect_eq("now 1234", setfsuid(-1), 1234);
    /* changing euid resets fsuid to it */
    seteuid(500);
    expect_eq("fsuid follows euid", setfsuid(-1), 500);
    seteuid(0);
    expect_eq("back to 0", setfsuid(-1), 0);
    setresuid(1000, 2000, 3000);
    expect_eq("fsuid = euid 2000", setfsuid(-1), 2000);
    expect_eq("setfsuid(1000) allowed (ruid), returns old", setfsuid(1000), 2000);
    expect_eq("now 1000", setfsuid(-1), 1000);
    expect_eq("setfsuid(4444) refused, returns current", setfsuid(4444), 1000);
    expect_eq("unchanged", setfsuid(-1), 1000);
    expect_eq("setfsuid(3000) allowed (suid)", setfsuid(3000), 1000);
    expect_eq("setfsgid query", setfsgid(-1), 0);
    expect_eq("setfsgid(55) refused unprivileged", setfsgid(55), 0);
    expect_eq("fsgid unchanged", setfsgid(-1), 0);
    fflush(stdout);
    _exit(contract_failed);
  }
  expect_status("child", c, "exit 0");
  return contract_end("setfsuid_test");
}
