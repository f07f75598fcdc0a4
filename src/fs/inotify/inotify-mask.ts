// inotify's event and flag bits (include/uapi/linux/inotify.h), shared by
// the hooks that generate events and the inotify file that queues them.
export const IN_ACCESS = 0x1;
export const IN_MODIFY = 0x2;
export const IN_ATTRIB = 0x4;
export const IN_CLOSE_WRITE = 0x8;
export const IN_CLOSE_NOWRITE = 0x10;
export const IN_OPEN = 0x20;
export const IN_MOVED_FROM = 0x40;
export const IN_MOVED_TO = 0x80;
export const IN_CREATE = 0x100;
export const IN_DELETE = 0x200;
export const IN_DELETE_SELF = 0x400;
export const IN_MOVE_SELF = 0x800;
export const IN_ALL_EVENTS = 0xfff;

export const IN_UNMOUNT = 0x2000;
export const IN_Q_OVERFLOW = 0x4000;
export const IN_IGNORED = 0x8000;

export const IN_ONLYDIR = 0x0100_0000;
export const IN_DONT_FOLLOW = 0x0200_0000;
export const IN_EXCL_UNLINK = 0x0400_0000;
export const IN_MASK_CREATE = 0x1000_0000;
export const IN_MASK_ADD = 0x2000_0000;
export const IN_ISDIR = 0x4000_0000;
export const IN_ONESHOT = 0x8000_0000;

/** What a watch's mask may hold (the events and the flags that shape the watch). */
export const WATCH_MASK_BITS = IN_ALL_EVENTS | IN_ONLYDIR | IN_DONT_FOLLOW | IN_EXCL_UNLINK | IN_MASK_CREATE | IN_MASK_ADD | IN_ONESHOT;

/** Every bit inotify_add_watch knows (ALL_INOTIFY_BITS): any other bit is EINVAL, and so is none of them. */
export const ALL_INOTIFY_BITS = WATCH_MASK_BITS | IN_UNMOUNT | IN_Q_OVERFLOW | IN_IGNORED | IN_ISDIR;

/** The bits a read() reports (inotify_mask_to_arg). */
export const REPORTED_BITS = IN_ALL_EVENTS | IN_ISDIR | IN_UNMOUNT | IN_IGNORED | IN_Q_OVERFLOW;
