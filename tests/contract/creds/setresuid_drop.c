#include "../process/ptest.h"
/* Run as root (CI). Each scenario runs in a child so the parent stays root. */
static void ids(const char *what) {
  uid_t r, e, s;
  getresuid(&r, &e, &s);
  printf("%s: ruid=%d euid=%d suid=%d fsuid=%d\n", what, (int)r, (int)e, (int)s, setfsuid(-1));
}
int main(void) {
  check("running as root", getuid() == 0 && geteuid() == 0);
  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    ids("start");
    expect_ok("setresuid(1000,1000,1000)", setresuid(1000, 1000, 1000));
    ids("dropped");
    expect_err("setuid(0) after full drop", setuid(0), EPERM);
    expect_err("seteuid(0) after full drop", seteuid(0), EPERM);
    expect_err("setresuid(0,-1,-1)", setresuid(0, -1, -1), EPERM);
    expect_err("setresuid(-1,2000,-1)", setresuid(-1, 2000, -1), EPERM);
    expect_ok("setresuid(-1,-1,-1) no-op", setresuid(-1, -1, -1));
    expect_ok("setuid(1000) to self", setuid(1000));
    expect_err("setreuid(0,0)", setreuid(0, 0), EPERM);
    ids("end");
    fflush(stdout);
    _exit(contract_failed);
  }
  expect_status("full drop child", c, "exit 0");
  fflush(stdout);
  c = fork();
  if (c == 0) {
    /* keep root as the saved uid: can come back */
    expect_ok("setresuid(1000,1000,0)", setresuid(1000, 1000, 0));
    ids("saved root");
    expect_ok("seteuid(0) via saved uid", seteuid(0));
    ids("euid back to 0");
    /* setuid as (effective) root sets all three */
    expect_ok("setuid(1001) as euid 0", setuid(1001));
    ids("setuid(1001)");
    expect_err("now no way back", seteuid(0), EPERM);
    fflush(stdout);
    _exit(contract_failed);
  }
  expect_status("saved-uid child", c, "exit 0");
  fflush(stdout);
  c = fork();
  if (c == 0) {
    /* unprivileged setuid only changes euid, to ruid or suid */
    setresuid(1000, 2000, 3000);
    ids("1000/2000/3000");
    expect_ok("setuid(3000) unprivileged", setuid(3000));
    ids("after setuid(3000)");
    expect_ok("setreuid(-1,1000)", setreuid(-1, 1000));
    ids("after setreuid(-1,1000)");
    expect_err("setuid(4000)", setuid(4000), EPERM);
    /* setreuid with ruid change sets suid = new euid */
    expect_err("setreuid(3000,-1): new ruid must be old ruid or euid", setreuid(3000, -1), EPERM);
    /* setting the ruid also sets suid to the new euid */
    expect_ok("setreuid(1000,3000)", setreuid(1000, 3000));
    ids("after setreuid(1000,3000)");
    fflush(stdout);
    _exit(contract_failed);
  }
  expect_status("unprivileged rules child", c, "exit 0");
  /* same for gids: root may set any; after dropping uid, gids are stuck */
  fflush(stdout);
  c = fork();
  if (c == 0) {
    expect_ok("setresgid(100,200,300)", setresgid(100, 200, 300));
    gid_t r, e, s;
    getresgid(&r, &e, &s);
    printf("gids: %d %d %d fsgid=%d\n", (int)r, (int)e, (int)s, setfsgid(-1));
    expect_ok("setgid(500) as root sets all", setgid(500));
    getresgid(&r, &e, &s);
    printf("gids: %d %d %d\n", (int)r, (int)e, (int)s);
    setresuid(1000, 1000, 1000);
    expect_err("setgid(0) unprivileged", setgid(0), EPERM);
    expect_err("setresgid(0,0,0) unprivileged", setresgid(0, 0, 0), EPERM);
    expect_ok("setgid(500) to own gid", setgid(500));
    expect_ok("setegid(500)", setegid(500));
    fflush(stdout);
    _exit(contract_failed);
  }
  expect_status("gid child", c, "exit 0");
  return contract_end("setresuid_drop");
}
