/* Closing the master hangs the slave up: the session leader alone gets
 * SIGHUP (not the rest of its process group), the slave reads end of file
 * and fails writes and ioctls with EIO, poll says POLLHUP, the session has
 * no terminal any more; when the leader then exits, the group that was in
 * the foreground gets SIGHUP. */
#include "pty_util.h"

int main(void) {
  int m, s;
  expect_ok("open pair", open_pair(&m, &s));
  int out[2], ready[2];
  pipe(out);
  pipe(ready);
  fflush(stdout);
  pid_t leader = fork();
  if (leader == 0) {
    close(out[0]);
    close(ready[0]);
    close(m);
    setsid();
    ioctl(s, TIOCSCTTY, 0);
    catch_sig(SIGHUP);
    /* A member of the leader's own group, and a job in the foreground. */
    pid_t member = fork();
    if (member == 0) {
      catch_sig(SIGHUP);
      sleep(2);
      report(out[1], "leader's group member got SIGHUP: %s\n", sig_count[SIGHUP] ? "no" : "not sent");
      _exit(0);
    }
    pid_t job = fork();
    if (job == 0) {
      setpgid(0, 0);
      catch_sig(SIGHUP);
      while (!sig_count[SIGHUP]) pause();
      report(out[1], "foreground job got SIGHUP when the leader exited: yes\n");
      _exit(0);
    }
    setpgid(job, job);
    tcsetpgrp(s, job);
    write(ready[1], "r", 1);
    while (!sig_count[SIGHUP]) pause();
    report(out[1], "leader got SIGHUP: yes\n");
    char buf[8];
    report(out[1], "slave read after hangup returns 0: %s\n", yes(read(s, buf, sizeof buf) == 0));
    int r = write(s, "x", 1);
    report(out[1], "slave write after hangup EIO: %s\n", yes(r < 0 && errno == EIO));
    struct termios t;
    r = tcgetattr(s, &t);
    report(out[1], "tcgetattr after hangup EIO: %s\n", yes(r < 0 && errno == EIO));
    pid_t pg = 0;
    r = ioctl(s, TIOCSPGRP, &pg);
    report(out[1], "TIOCSPGRP after hangup ENOTTY: %s\n", yes(r < 0 && errno == ENOTTY));
    short ev = 0;
    ready_for(s, POLLIN | POLLOUT, 0, &ev);
    report(out[1], "poll after hangup has POLLHUP and POLLIN: %s\n", yes((ev & POLLHUP) && (ev & POLLIN)));
    r = open("/dev/tty", O_RDWR);
    report(out[1], "no controlling terminal: %s\n", yes(r < 0 && errno == ENXIO));
    waitpid(member, NULL, 0);
    _exit(0);
  }
  close(out[1]);
  close(ready[1]);
  close(s);
  char c;
  read(ready[0], &c, 1);
  usleep(100000);
  close(m);
  int st;
  waitpid(leader, &st, 0);
  check("leader exited", WIFEXITED(st));
  usleep(300000);
  print_reports(out[0]);
  return contract_end("pty_hangup");
}
