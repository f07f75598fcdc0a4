// riscv64 syscall numbers (the asm-generic table), generated from
// shared/RISCV-ABI.md §1. SYSCALL_NAMES[nr] is the name for --trace.

export const SYS_io_setup = 0;
export const SYS_io_destroy = 1;
export const SYS_io_submit = 2;
export const SYS_io_cancel = 3;
export const SYS_io_getevents = 4;
export const SYS_setxattr = 5;
export const SYS_lsetxattr = 6;
export const SYS_fsetxattr = 7;
export const SYS_getxattr = 8;
export const SYS_lgetxattr = 9;
export const SYS_fgetxattr = 10;
export const SYS_listxattr = 11;
export const SYS_llistxattr = 12;
export const SYS_flistxattr = 13;
export const SYS_removexattr = 14;
export const SYS_lremovexattr = 15;
export const SYS_fremovexattr = 16;
export const SYS_getcwd = 17;
export const SYS_lookup_dcookie = 18;
export const SYS_eventfd2 = 19;
export const SYS_epoll_create1 = 20;
export const SYS_epoll_ctl = 21;
export const SYS_epoll_pwait = 22;
export const SYS_dup = 23;
export const SYS_dup3 = 24;
export const SYS_fcntl = 25;
export const SYS_inotify_init1 = 26;
export const SYS_inotify_add_watch = 27;
export const SYS_inotify_rm_watch = 28;
export const SYS_ioctl = 29;
export const SYS_ioprio_set = 30;
export const SYS_ioprio_get = 31;
export const SYS_flock = 32;
export const SYS_mknodat = 33;
export const SYS_mkdirat = 34;
export const SYS_unlinkat = 35;
export const SYS_symlinkat = 36;
export const SYS_linkat = 37;
export const SYS_umount2 = 39;
export const SYS_mount = 40;
export const SYS_pivot_root = 41;
export const SYS_nfsservctl = 42;
export const SYS_statfs = 43;
export const SYS_fstatfs = 44;
export const SYS_truncate = 45;
export const SYS_ftruncate = 46;
export const SYS_fallocate = 47;
export const SYS_faccessat = 48;
export const SYS_chdir = 49;
export const SYS_fchdir = 50;
export const SYS_chroot = 51;
export const SYS_fchmod = 52;
export const SYS_fchmodat = 53;
export const SYS_fchownat = 54;
export const SYS_fchown = 55;
export const SYS_openat = 56;
export const SYS_close = 57;
export const SYS_vhangup = 58;
export const SYS_pipe2 = 59;
export const SYS_quotactl = 60;
export const SYS_getdents64 = 61;
export const SYS_lseek = 62;
export const SYS_read = 63;
export const SYS_write = 64;
export const SYS_readv = 65;
export const SYS_writev = 66;
export const SYS_pread64 = 67;
export const SYS_pwrite64 = 68;
export const SYS_preadv = 69;
export const SYS_pwritev = 70;
export const SYS_sendfile = 71;
export const SYS_pselect6 = 72;
export const SYS_ppoll = 73;
export const SYS_signalfd4 = 74;
export const SYS_vmsplice = 75;
export const SYS_splice = 76;
export const SYS_tee = 77;
export const SYS_readlinkat = 78;
export const SYS_newfstatat = 79;
export const SYS_fstat = 80;
export const SYS_sync = 81;
export const SYS_fsync = 82;
export const SYS_fdatasync = 83;
export const SYS_sync_file_range = 84;
export const SYS_timerfd_create = 85;
export const SYS_timerfd_settime = 86;
export const SYS_timerfd_gettime = 87;
export const SYS_utimensat = 88;
export const SYS_acct = 89;
export const SYS_capget = 90;
export const SYS_capset = 91;
export const SYS_personality = 92;
export const SYS_exit = 93;
export const SYS_exit_group = 94;
export const SYS_waitid = 95;
export const SYS_set_tid_address = 96;
export const SYS_unshare = 97;
export const SYS_futex = 98;
export const SYS_set_robust_list = 99;
export const SYS_get_robust_list = 100;
export const SYS_nanosleep = 101;
export const SYS_getitimer = 102;
export const SYS_setitimer = 103;
export const SYS_kexec_load = 104;
export const SYS_init_module = 105;
export const SYS_delete_module = 106;
export const SYS_timer_create = 107;
export const SYS_timer_gettime = 108;
export const SYS_timer_getoverrun = 109;
export const SYS_timer_settime = 110;
export const SYS_timer_delete = 111;
export const SYS_clock_settime = 112;
export const SYS_clock_gettime = 113;
export const SYS_clock_getres = 114;
export const SYS_clock_nanosleep = 115;
export const SYS_syslog = 116;
export const SYS_ptrace = 117;
export const SYS_sched_setparam = 118;
export const SYS_sched_setscheduler = 119;
export const SYS_sched_getscheduler = 120;
export const SYS_sched_getparam = 121;
export const SYS_sched_setaffinity = 122;
export const SYS_sched_getaffinity = 123;
export const SYS_sched_yield = 124;
export const SYS_sched_get_priority_max = 125;
export const SYS_sched_get_priority_min = 126;
export const SYS_sched_rr_get_interval = 127;
export const SYS_restart_syscall = 128;
export const SYS_kill = 129;
export const SYS_tkill = 130;
export const SYS_tgkill = 131;
export const SYS_sigaltstack = 132;
export const SYS_rt_sigsuspend = 133;
export const SYS_rt_sigaction = 134;
export const SYS_rt_sigprocmask = 135;
export const SYS_rt_sigpending = 136;
export const SYS_rt_sigtimedwait = 137;
export const SYS_rt_sigqueueinfo = 138;
export const SYS_rt_sigreturn = 139;
export const SYS_setpriority = 140;
export const SYS_getpriority = 141;
export const SYS_reboot = 142;
export const SYS_setregid = 143;
export const SYS_setgid = 144;
export const SYS_setreuid = 145;
export const SYS_setuid = 146;
export const SYS_setresuid = 147;
export const SYS_getresuid = 148;
export const SYS_setresgid = 149;
export const SYS_getresgid = 150;
export const SYS_setfsuid = 151;
export const SYS_setfsgid = 152;
export const SYS_times = 153;
export const SYS_setpgid = 154;
export const SYS_getpgid = 155;
export const SYS_getsid = 156;
export const SYS_setsid = 157;
export const SYS_getgroups = 158;
export const SYS_setgroups = 159;
export const SYS_uname = 160;
export const SYS_sethostname = 161;
export const SYS_setdomainname = 162;
export const SYS_getrlimit = 163;
export const SYS_setrlimit = 164;
export const SYS_getrusage = 165;
export const SYS_umask = 166;
export const SYS_prctl = 167;
export const SYS_getcpu = 168;
export const SYS_gettimeofday = 169;
export const SYS_settimeofday = 170;
export const SYS_adjtimex = 171;
export const SYS_getpid = 172;
export const SYS_getppid = 173;
export const SYS_getuid = 174;
export const SYS_geteuid = 175;
export const SYS_getgid = 176;
export const SYS_getegid = 177;
export const SYS_gettid = 178;
export const SYS_sysinfo = 179;
export const SYS_mq_open = 180;
export const SYS_mq_unlink = 181;
export const SYS_mq_timedsend = 182;
export const SYS_mq_timedreceive = 183;
export const SYS_mq_notify = 184;
export const SYS_mq_getsetattr = 185;
export const SYS_msgget = 186;
export const SYS_msgctl = 187;
export const SYS_msgrcv = 188;
export const SYS_msgsnd = 189;
export const SYS_semget = 190;
export const SYS_semctl = 191;
export const SYS_semtimedop = 192;
export const SYS_semop = 193;
export const SYS_shmget = 194;
export const SYS_shmctl = 195;
export const SYS_shmat = 196;
export const SYS_shmdt = 197;
export const SYS_socket = 198;
export const SYS_socketpair = 199;
export const SYS_bind = 200;
export const SYS_listen = 201;
export const SYS_accept = 202;
export const SYS_connect = 203;
export const SYS_getsockname = 204;
export const SYS_getpeername = 205;
export const SYS_sendto = 206;
export const SYS_recvfrom = 207;
export const SYS_setsockopt = 208;
export const SYS_getsockopt = 209;
export const SYS_shutdown = 210;
export const SYS_sendmsg = 211;
export const SYS_recvmsg = 212;
export const SYS_readahead = 213;
export const SYS_brk = 214;
export const SYS_munmap = 215;
export const SYS_mremap = 216;
export const SYS_add_key = 217;
export const SYS_request_key = 218;
export const SYS_keyctl = 219;
export const SYS_clone = 220;
export const SYS_execve = 221;
export const SYS_mmap = 222;
export const SYS_fadvise64 = 223;
export const SYS_swapon = 224;
export const SYS_swapoff = 225;
export const SYS_mprotect = 226;
export const SYS_msync = 227;
export const SYS_mlock = 228;
export const SYS_munlock = 229;
export const SYS_mlockall = 230;
export const SYS_munlockall = 231;
export const SYS_mincore = 232;
export const SYS_madvise = 233;
export const SYS_remap_file_pages = 234;
export const SYS_mbind = 235;
export const SYS_get_mempolicy = 236;
export const SYS_set_mempolicy = 237;
export const SYS_migrate_pages = 238;
export const SYS_move_pages = 239;
export const SYS_rt_tgsigqueueinfo = 240;
export const SYS_perf_event_open = 241;
export const SYS_accept4 = 242;
export const SYS_recvmmsg = 243;
export const SYS_riscv_hwprobe = 258;
export const SYS_riscv_flush_icache = 259;
export const SYS_wait4 = 260;
export const SYS_prlimit64 = 261;
export const SYS_fanotify_init = 262;
export const SYS_fanotify_mark = 263;
export const SYS_name_to_handle_at = 264;
export const SYS_open_by_handle_at = 265;
export const SYS_clock_adjtime = 266;
export const SYS_syncfs = 267;
export const SYS_setns = 268;
export const SYS_sendmmsg = 269;
export const SYS_process_vm_readv = 270;
export const SYS_process_vm_writev = 271;
export const SYS_kcmp = 272;
export const SYS_finit_module = 273;
export const SYS_sched_setattr = 274;
export const SYS_sched_getattr = 275;
export const SYS_renameat2 = 276;
export const SYS_seccomp = 277;
export const SYS_getrandom = 278;
export const SYS_memfd_create = 279;
export const SYS_bpf = 280;
export const SYS_execveat = 281;
export const SYS_userfaultfd = 282;
export const SYS_membarrier = 283;
export const SYS_mlock2 = 284;
export const SYS_copy_file_range = 285;
export const SYS_preadv2 = 286;
export const SYS_pwritev2 = 287;
export const SYS_pkey_mprotect = 288;
export const SYS_pkey_alloc = 289;
export const SYS_pkey_free = 290;
export const SYS_statx = 291;
export const SYS_io_pgetevents = 292;
export const SYS_rseq = 293;
export const SYS_kexec_file_load = 294;
export const SYS_pidfd_send_signal = 424;
export const SYS_io_uring_setup = 425;
export const SYS_io_uring_enter = 426;
export const SYS_io_uring_register = 427;
export const SYS_open_tree = 428;
export const SYS_move_mount = 429;
export const SYS_fsopen = 430;
export const SYS_fsconfig = 431;
export const SYS_fsmount = 432;
export const SYS_fspick = 433;
export const SYS_pidfd_open = 434;
export const SYS_clone3 = 435;
export const SYS_close_range = 436;
export const SYS_openat2 = 437;
export const SYS_pidfd_getfd = 438;
export const SYS_faccessat2 = 439;
export const SYS_process_madvise = 440;
export const SYS_epoll_pwait2 = 441;
export const SYS_mount_setattr = 442;
export const SYS_quotactl_fd = 443;
export const SYS_landlock_create_ruleset = 444;
export const SYS_landlock_add_rule = 445;
export const SYS_landlock_restrict_self = 446;
export const SYS_memfd_secret = 447;
export const SYS_process_mrelease = 448;
export const SYS_futex_waitv = 449;
export const SYS_set_mempolicy_home_node = 450;
export const SYS_cachestat = 451;
export const SYS_fchmodat2 = 452;
export const SYS_map_shadow_stack = 453;
export const SYS_futex_wake = 454;
export const SYS_futex_wait = 455;
export const SYS_futex_requeue = 456;
export const SYS_statmount = 457;
export const SYS_listmount = 458;
export const SYS_lsm_get_self_attr = 459;
export const SYS_lsm_set_self_attr = 460;
export const SYS_lsm_list_modules = 461;
export const SYS_mseal = 462;
export const SYS_setxattrat = 463;
export const SYS_getxattrat = 464;
export const SYS_listxattrat = 465;
export const SYS_removexattrat = 466;
export const SYS_open_tree_attr = 467;
export const SYS_file_getattr = 468;
export const SYS_file_setattr = 469;
export const SYS_listns = 470;
export const SYS_rseq_slice_yield = 471;

export const SYSCALL_NAMES: ReadonlyMap<number, string> = new Map([
  [0, "io_setup"],
  [1, "io_destroy"],
  [2, "io_submit"],
  [3, "io_cancel"],
  [4, "io_getevents"],
  [5, "setxattr"],
  [6, "lsetxattr"],
  [7, "fsetxattr"],
  [8, "getxattr"],
  [9, "lgetxattr"],
  [10, "fgetxattr"],
  [11, "listxattr"],
  [12, "llistxattr"],
  [13, "flistxattr"],
  [14, "removexattr"],
  [15, "lremovexattr"],
  [16, "fremovexattr"],
  [17, "getcwd"],
  [18, "lookup_dcookie"],
  [19, "eventfd2"],
  [20, "epoll_create1"],
  [21, "epoll_ctl"],
  [22, "epoll_pwait"],
  [23, "dup"],
  [24, "dup3"],
  [25, "fcntl"],
  [26, "inotify_init1"],
  [27, "inotify_add_watch"],
  [28, "inotify_rm_watch"],
  [29, "ioctl"],
  [30, "ioprio_set"],
  [31, "ioprio_get"],
  [32, "flock"],
  [33, "mknodat"],
  [34, "mkdirat"],
  [35, "unlinkat"],
  [36, "symlinkat"],
  [37, "linkat"],
  [39, "umount2"],
  [40, "mount"],
  [41, "pivot_root"],
  [42, "nfsservctl"],
  [43, "statfs"],
  [44, "fstatfs"],
  [45, "truncate"],
  [46, "ftruncate"],
  [47, "fallocate"],
  [48, "faccessat"],
  [49, "chdir"],
  [50, "fchdir"],
  [51, "chroot"],
  [52, "fchmod"],
  [53, "fchmodat"],
  [54, "fchownat"],
  [55, "fchown"],
  [56, "openat"],
  [57, "close"],
  [58, "vhangup"],
  [59, "pipe2"],
  [60, "quotactl"],
  [61, "getdents64"],
  [62, "lseek"],
  [63, "read"],
  [64, "write"],
  [65, "readv"],
  [66, "writev"],
  [67, "pread64"],
  [68, "pwrite64"],
  [69, "preadv"],
  [70, "pwritev"],
  [71, "sendfile"],
  [72, "pselect6"],
  [73, "ppoll"],
  [74, "signalfd4"],
  [75, "vmsplice"],
  [76, "splice"],
  [77, "tee"],
  [78, "readlinkat"],
  [79, "newfstatat"],
  [80, "fstat"],
  [81, "sync"],
  [82, "fsync"],
  [83, "fdatasync"],
  [84, "sync_file_range"],
  [85, "timerfd_create"],
  [86, "timerfd_settime"],
  [87, "timerfd_gettime"],
  [88, "utimensat"],
  [89, "acct"],
  [90, "capget"],
  [91, "capset"],
  [92, "personality"],
  [93, "exit"],
  [94, "exit_group"],
  [95, "waitid"],
  [96, "set_tid_address"],
  [97, "unshare"],
  [98, "futex"],
  [99, "set_robust_list"],
  [100, "get_robust_list"],
  [101, "nanosleep"],
  [102, "getitimer"],
  [103, "setitimer"],
  [104, "kexec_load"],
  [105, "init_module"],
  [106, "delete_module"],
  [107, "timer_create"],
  [108, "timer_gettime"],
  [109, "timer_getoverrun"],
  [110, "timer_settime"],
  [111, "timer_delete"],
  [112, "clock_settime"],
  [113, "clock_gettime"],
  [114, "clock_getres"],
  [115, "clock_nanosleep"],
  [116, "syslog"],
  [117, "ptrace"],
  [118, "sched_setparam"],
  [119, "sched_setscheduler"],
  [120, "sched_getscheduler"],
  [121, "sched_getparam"],
  [122, "sched_setaffinity"],
  [123, "sched_getaffinity"],
  [124, "sched_yield"],
  [125, "sched_get_priority_max"],
  [126, "sched_get_priority_min"],
  [127, "sched_rr_get_interval"],
  [128, "restart_syscall"],
  [129, "kill"],
  [130, "tkill"],
  [131, "tgkill"],
  [132, "sigaltstack"],
  [133, "rt_sigsuspend"],
  [134, "rt_sigaction"],
  [135, "rt_sigprocmask"],
  [136, "rt_sigpending"],
  [137, "rt_sigtimedwait"],
  [138, "rt_sigqueueinfo"],
  [139, "rt_sigreturn"],
  [140, "setpriority"],
  [141, "getpriority"],
  [142, "reboot"],
  [143, "setregid"],
  [144, "setgid"],
  [145, "setreuid"],
  [146, "setuid"],
  [147, "setresuid"],
  [148, "getresuid"],
  [149, "setresgid"],
  [150, "getresgid"],
  [151, "setfsuid"],
  [152, "setfsgid"],
  [153, "times"],
  [154, "setpgid"],
  [155, "getpgid"],
  [156, "getsid"],
  [157, "setsid"],
  [158, "getgroups"],
  [159, "setgroups"],
  [160, "uname"],
  [161, "sethostname"],
  [162, "setdomainname"],
  [163, "getrlimit"],
  [164, "setrlimit"],
  [165, "getrusage"],
  [166, "umask"],
  [167, "prctl"],
  [168, "getcpu"],
  [169, "gettimeofday"],
  [170, "settimeofday"],
  [171, "adjtimex"],
  [172, "getpid"],
  [173, "getppid"],
  [174, "getuid"],
  [175, "geteuid"],
  [176, "getgid"],
  [177, "getegid"],
  [178, "gettid"],
  [179, "sysinfo"],
  [180, "mq_open"],
  [181, "mq_unlink"],
  [182, "mq_timedsend"],
  [183, "mq_timedreceive"],
  [184, "mq_notify"],
  [185, "mq_getsetattr"],
  [186, "msgget"],
  [187, "msgctl"],
  [188, "msgrcv"],
  [189, "msgsnd"],
  [190, "semget"],
  [191, "semctl"],
  [192, "semtimedop"],
  [193, "semop"],
  [194, "shmget"],
  [195, "shmctl"],
  [196, "shmat"],
  [197, "shmdt"],
  [198, "socket"],
  [199, "socketpair"],
  [200, "bind"],
  [201, "listen"],
  [202, "accept"],
  [203, "connect"],
  [204, "getsockname"],
  [205, "getpeername"],
  [206, "sendto"],
  [207, "recvfrom"],
  [208, "setsockopt"],
  [209, "getsockopt"],
  [210, "shutdown"],
  [211, "sendmsg"],
  [212, "recvmsg"],
  [213, "readahead"],
  [214, "brk"],
  [215, "munmap"],
  [216, "mremap"],
  [217, "add_key"],
  [218, "request_key"],
  [219, "keyctl"],
  [220, "clone"],
  [221, "execve"],
  [222, "mmap"],
  [223, "fadvise64"],
  [224, "swapon"],
  [225, "swapoff"],
  [226, "mprotect"],
  [227, "msync"],
  [228, "mlock"],
  [229, "munlock"],
  [230, "mlockall"],
  [231, "munlockall"],
  [232, "mincore"],
  [233, "madvise"],
  [234, "remap_file_pages"],
  [235, "mbind"],
  [236, "get_mempolicy"],
  [237, "set_mempolicy"],
  [238, "migrate_pages"],
  [239, "move_pages"],
  [240, "rt_tgsigqueueinfo"],
  [241, "perf_event_open"],
  [242, "accept4"],
  [243, "recvmmsg"],
  [258, "riscv_hwprobe"],
  [259, "riscv_flush_icache"],
  [260, "wait4"],
  [261, "prlimit64"],
  [262, "fanotify_init"],
  [263, "fanotify_mark"],
  [264, "name_to_handle_at"],
  [265, "open_by_handle_at"],
  [266, "clock_adjtime"],
  [267, "syncfs"],
  [268, "setns"],
  [269, "sendmmsg"],
  [270, "process_vm_readv"],
  [271, "process_vm_writev"],
  [272, "kcmp"],
  [273, "finit_module"],
  [274, "sched_setattr"],
  [275, "sched_getattr"],
  [276, "renameat2"],
  [277, "seccomp"],
  [278, "getrandom"],
  [279, "memfd_create"],
  [280, "bpf"],
  [281, "execveat"],
  [282, "userfaultfd"],
  [283, "membarrier"],
  [284, "mlock2"],
  [285, "copy_file_range"],
  [286, "preadv2"],
  [287, "pwritev2"],
  [288, "pkey_mprotect"],
  [289, "pkey_alloc"],
  [290, "pkey_free"],
  [291, "statx"],
  [292, "io_pgetevents"],
  [293, "rseq"],
  [294, "kexec_file_load"],
  [424, "pidfd_send_signal"],
  [425, "io_uring_setup"],
  [426, "io_uring_enter"],
  [427, "io_uring_register"],
  [428, "open_tree"],
  [429, "move_mount"],
  [430, "fsopen"],
  [431, "fsconfig"],
  [432, "fsmount"],
  [433, "fspick"],
  [434, "pidfd_open"],
  [435, "clone3"],
  [436, "close_range"],
  [437, "openat2"],
  [438, "pidfd_getfd"],
  [439, "faccessat2"],
  [440, "process_madvise"],
  [441, "epoll_pwait2"],
  [442, "mount_setattr"],
  [443, "quotactl_fd"],
  [444, "landlock_create_ruleset"],
  [445, "landlock_add_rule"],
  [446, "landlock_restrict_self"],
  [447, "memfd_secret"],
  [448, "process_mrelease"],
  [449, "futex_waitv"],
  [450, "set_mempolicy_home_node"],
  [451, "cachestat"],
  [452, "fchmodat2"],
  [453, "map_shadow_stack"],
  [454, "futex_wake"],
  [455, "futex_wait"],
  [456, "futex_requeue"],
  [457, "statmount"],
  [458, "listmount"],
  [459, "lsm_get_self_attr"],
  [460, "lsm_set_self_attr"],
  [461, "lsm_list_modules"],
  [462, "mseal"],
  [463, "setxattrat"],
  [464, "getxattrat"],
  [465, "listxattrat"],
  [466, "removexattrat"],
  [467, "open_tree_attr"],
  [468, "file_getattr"],
  [469, "file_setattr"],
  [470, "listns"],
  [471, "rseq_slice_yield"],
]);
